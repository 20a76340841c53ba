"""Every validation rule, each with an item that fails it."""

import pytest

from trainer_bot.quiz import validate
from trainer_bot.quiz.model import Question

SOURCE = "人民调解委员会调解民间纠纷，不收取任何费用。突发事件包括自然灾害、事故灾难、公共卫生事件和社会安全事件四类。"


def q(**kw) -> Question:
    base = {"type": "single_choice", "stem": "人民调解委员会调解民间纠纷，（    ）任何费用。",
            "options": ["不收取", "收取少量", "按标的收取", "按次收取"], "answer": [0], "explanation": "解析",
            "source": {"source": "a.md", "quote": "人民调解委员会调解民间纠纷，不收取任何费用。"}}
    base.update(kw)
    return Question.model_validate(base)


def test_a_good_item_passes():
    assert validate.check(q(), SOURCE) is None


def test_key_not_in_the_quote_is_rejected():
    item = q(options=["免收", "收取少量", "按标的收取", "按次收取"], answer=[0])
    assert validate.key_supported(item) == "正确选项在出处原文中找不到"
    assert validate.check(item, SOURCE) is not None


@pytest.mark.parametrize("item,reason", [
    (q(source={"source": "a.md", "quote": "人民调解委员会调解民间纠纷，收取少量费用。"}), "出处原文与材料不一致"),
    (q(answer=[1]), "有干扰项在出处原文中出现"),  # the real key became a "distractor"
    (q(answer=[0, 1]), "单选题必须恰好一个正确选项"),
    (q(options=["不收取", "不收取", "按标的收取", "按次收取"]), "选项有重复或为空"),
    (q(options=["不收取", "以上都不对", "按标的收取", "按次收取"]), "以上都对"),
    (q(options=["不收取", "收取", "费用", "不收取任何费用以外的所有其他各种各样的费用"]), "有干扰项在出处原文中出现"),
    (q(options=["不收取", "收取2元", "按标的收取", "按次收取"]), "选项形式不一致"),
    (q(options=["不收取", "免", "按照纠纷标的额的一定比例向双方当事人收取", "按次收取"]), "选项长短相差过大"),
    (q(options=["A. 不收取", "B. 收取少量", "C. 按标的收取", "D. 按次收取"]), "选项不应带 A. 前缀"),
    (q(stem="人民调解委员会调解民间纠纷，收费吗？"), "题干缺少空位"),
    (q(options=["不收取", "收取少量"], answer=[0]), "选项少于 3 个"),
])
def test_each_rule_rejects_its_failing_example(item: Question, reason: str):
    assert reason in (validate.check(item, SOURCE) or "")


def test_single_choice_key_must_fill_the_stem_back_to_the_quote():
    item = q(stem="人民调解委员会（    ）民间纠纷，不收取任何费用。", options=["不收取", "调查", "审理", "裁决"])
    assert validate.check(item, SOURCE) == "把答案填回题干后与原文不符"


def test_multiple_choice_needs_two_keys_and_a_wrong_option():
    quote = "突发事件包括自然灾害、事故灾难、公共卫生事件和社会安全事件四类。"
    good = q(type="multiple_choice", stem="突发事件包括（    ）四类。",
             options=["自然灾害", "事故灾难", "公共卫生事件", "社会安全事件", "矛盾纠纷"], answer=[0, 1, 2, 3],
             source={"source": "a.md", "quote": quote})
    assert validate.check(good, SOURCE) is None
    all_keys = good.model_copy(update={"options": good.options[:4], "answer": [0, 1, 2, 3]})
    assert "至少 2 个正确选项和至少 1 个错误选项" in validate.check(all_keys, SOURCE)
    one_key = good.model_copy(update={"answer": [0]})
    assert "至少 2 个正确选项" in validate.check(one_key, SOURCE)


def test_true_false_answers_must_match_the_quote():
    quote = {"source": "a.md", "quote": "人民调解委员会调解民间纠纷，不收取任何费用。"}
    true_item = Question(type="true_false", stem="人民调解委员会调解民间纠纷，不收取任何费用。", answer=True, source=quote)
    assert validate.check(true_item, SOURCE) is None
    wrong_true = true_item.model_copy(update={"stem": "人民调解委员会调解民间纠纷，收取少量费用。"})
    assert "题干不是原文的陈述" in validate.check(wrong_true, SOURCE)
    false_item = Question(type="true_false", stem="人民调解委员会调解民间纠纷，收取少量费用。", answer=False, source=quote)
    assert validate.check(false_item, SOURCE) is None
    wrong_false = false_item.model_copy(update={"stem": true_item.stem})
    assert "题干正是原文的陈述" in validate.check(wrong_false, SOURCE)


def test_fill_blank_answer_must_restore_the_quote():
    item = Question(type="fill_blank", stem="人民调解委员会调解民间纠纷，______任何费用。", answer=["收取"],
                    source={"source": "a.md", "quote": "人民调解委员会调解民间纠纷，不收取任何费用。"})
    assert validate.check(item, SOURCE) == "把答案填回题干后与原文不符"
    assert validate.check(item.model_copy(update={"answer": ["不收取"]}), SOURCE) is None


def test_short_answer_reference_must_be_the_quote():
    item = Question(type="short_answer", stem="简述人民调解是否收费。", answer="调解要交钱。",
                    source={"source": "a.md", "quote": "人民调解委员会调解民间纠纷，不收取任何费用。"})
    assert validate.check(item, SOURCE) == "参考答案不是出处原文"


def test_set_level_rules():
    quote = {"source": "a.md", "quote": "人民调解委员会调解民间纠纷，不收取任何费用。"}
    t1 = Question(type="true_false", stem="人民调解委员会调解民间纠纷，不收取任何费用。", answer=True, source=quote)
    t2 = Question(type="true_false", stem="人民调解委员会调解民间纠纷，不收取任何费用", answer=True, source=quote)
    assert validate.set_problems([t1, t2]) == ["判断题的答案全部相同"]
    assert validate.set_problems([t1, t1]) == ["有重复的题干", "判断题的答案全部相同"]
    assert validate.set_problems([t1]) == []


def test_model_rejects_malformed_items():
    with pytest.raises(ValueError):
        q(answer=True)  # a choice item needs option indexes
    with pytest.raises(ValueError):
        Question(type="fill_blank", stem="空______。", answer=[], source={"source": "a", "quote": "b"})
