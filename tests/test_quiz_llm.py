"""The LLM quiz generator against the local OpenAI-compatible server: JSON parsed, retried, validated."""

import json

from fake_llm import Reply

from trainer_bot.bot import TrainerBot
from trainer_bot.quiz.generate import generate_quiz

GOOD = [{"type": "single_choice", "stem": "人民调解坚持双方自愿、（    ）的原则。",
         "options": ["地位平等", "费用共担", "结果公开", "程序简便"], "answer": [0], "explanation": "自愿、平等。",
         "source": {"quote": "人民调解坚持双方自愿、地位平等的原则。"}},
        {"type": "single_choice", "stem": "调解员可以（    ）当事人接受调解方案。", "options": ["强迫", "劝说", "帮助", "引导"],
         "answer": [0], "explanation": "编造的题目", "source": {"quote": "调解员可以强迫当事人接受调解方案。"}}]


def test_llm_items_are_parsed_retried_and_validated(llm_bot: TrainerBot, fake_llm):
    fake_llm.replies.append(Reply("好的，下面是题目：这不是 JSON"))  # first reply rejected, asked again
    fake_llm.replies.append(Reply("```json\n" + json.dumps(GOOD, ensure_ascii=False) + "\n```"))
    fake_llm.default = Reply("[]")
    report = generate_quiz(llm_bot, 2, ["single_choice"], sources=["mediation.md"])
    assert [q.stem for q in report.quiz.questions] == [GOOD[0]["stem"]]
    assert report.dropped["出处原文与材料不一致"] >= 1  # the invented item never reaches a trainer
    first, retry = fake_llm.requests[0], fake_llm.requests[1]
    assert "命题老师" in first["messages"][0]["content"] and "mediation" not in first["messages"][0]["content"]
    assert "不符合要求" in retry["messages"][-1]["content"]
    assert report.quiz.questions[0].source.source == "mediation.md"


def test_an_llm_outage_falls_back_to_the_rules_and_says_so(llm_bot: TrainerBot, fake_llm):
    fake_llm.default = Reply(status=500)
    report = generate_quiz(llm_bot, 2, ["fill_blank"], sources=["mediation.md"])
    assert report.quiz.questions and all(q.source.source == "mediation.md" for q in report.quiz.questions)
    assert report.message.startswith("大模型暂时无法使用（服务返回错误），已改用规则引擎出题。")
    assert len(fake_llm.requests) == 1  # one failed call, not one per passage


def test_llm_replies_that_fail_the_checks_leave_a_clear_shortfall(llm_bot: TrainerBot, fake_llm):
    fake_llm.default = Reply("[]")  # reachable, but nothing usable: no fallback, an honest shortfall
    report = generate_quiz(llm_bot, 2, ["fill_blank"], sources=["grid.md"])
    assert report.quiz.questions == [] and "只够生成 0 道" in report.message and "大模型" not in report.message


def test_llm_items_go_through_the_same_quality_checks(llm_bot: TrainerBot, fake_llm):
    quote = "人民调解坚持双方自愿、地位平等的原则。调解员不能强迫当事人接受调解方案。"
    template = {"type": "short_answer", "stem": "请简述《邻里纠纷调解入门》中“调解的原则”部分的要点。",
                "answer": "1. 人民调解坚持双方自愿、地位平等的原则。\n2. 调解员不能强迫当事人接受调解方案。",
                "explanation": "要点", "source": {"quote": quote}}
    asked = {**template, "stem": "人民调解应当坚持哪些原则？"}
    fake_llm.replies.append(Reply(json.dumps([template, asked], ensure_ascii=False)))
    fake_llm.default = Reply("[]")
    report = generate_quiz(llm_bot, 2, ["short_answer"], sources=["mediation.md"])
    assert [q.stem for q in report.quiz.questions] == ["人民调解应当坚持哪些原则？"]
    assert report.dropped["简答题题干应是一个完整的问题"] == 1


def test_an_unreachable_llm_server_falls_back_to_the_rules(tmp_path, corpus, embeddings):
    from servers import free_port

    from trainer_bot.settings import Settings

    settings = Settings(_env_file=None, data_dir=tmp_path / "data", llm_base_url=f"http://127.0.0.1:{free_port()}/v1",
                        llm_model="fake-model", llm_api_key="test-key", llm_timeout=2.0)
    bot = TrainerBot.from_settings(settings, embeddings)
    assert bot.ingest([corpus]).ok
    report = generate_quiz(bot, 3, ["single_choice", "true_false"])
    assert report.quiz.questions and report.message.startswith("大模型暂时无法使用（无法连接），已改用规则引擎出题。")


def test_a_set_of_several_types_asks_the_llm_for_each_type(llm_bot: TrainerBot, fake_llm):
    fake_llm.default = Reply("[]")  # reachable, nothing usable: every type's stream is tried once per passage
    generate_quiz(llm_bot, 3, ["single_choice", "true_false", "fill_blank"], sources=["mediation.md"])
    asked = {t for r in fake_llm.requests for t in ("single_choice", "true_false", "fill_blank")
             if f'"type": "{t}"' in r["messages"][-1]["content"]}
    # each stream once asked for the last type only (a generator expression read its loop variable late)
    assert asked == {"single_choice", "true_false", "fill_blank"}
