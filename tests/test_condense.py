"""The rule condenser: a follow-up gets the subject of the previous question, on any material."""

from __future__ import annotations

import pytest

from trainer_bot.condense import RuleCondenser, Turn
from trainer_bot.tokenizer import Tokenizer


@pytest.fixture(scope="module")
def condenser() -> RuleCondenser:
    return RuleCondenser(Tokenizer(), glossary=["枫桥经验", "网格化管理", "网格员"])


def turns(question: str, reply: str = "好的。") -> list[Turn]:
    return [Turn("user", question), Turn("assistant", reply)]


def test_a_pronoun_takes_the_glossary_term_of_the_previous_question(condenser):
    assert condenser.condense("它和网格化管理有什么关系？", turns("什么是枫桥经验？")) == "枫桥经验和网格化管理有什么关系？"


def test_on_a_trainers_own_material_the_subject_is_the_phrase_the_previous_question_opens_with(condenser):
    history = turns("护林员一般多久巡一次山？", "每天至少一次，由网格员抽查。")
    # not 网格员, a glossary term that only the reply happens to name
    assert condenser.condense("他们干这个活有报酬吗？", history) == "护林员干这个活有报酬吗？"


def test_a_term_the_previous_question_quoted_is_the_subject(condenser):
    history = turns("“一户一码”是什么意思？")
    assert condenser.condense("这个制度在哪一年开始的？", history) == "一户一码在哪一年开始的？"


def test_a_demonstrative_noun_the_subject_ends_with_is_not_repeated(condenser):
    history = turns("村级便民服务站要配几个人？")
    assert condenser.condense("这个站每天几点开门？", history) == "村级便民服务站每天几点开门？"


@pytest.mark.parametrize("question", ["这个月没有新情况，还要报吗？", "那一般的问题多久处理完？", "这一次检查要带什么材料？"])
def test_a_time_or_a_word_that_opens_like_a_demonstrative_is_kept(condenser, question):
    history = turns("防汛物资台账由谁来填？")
    standalone = condenser.condense(question, history)
    assert standalone.endswith(question.removeprefix("那")) and standalone.startswith("防汛物资台账")


def test_a_question_naming_its_own_term_is_left_alone(condenser):
    assert condenser.condense("网格员一天走访几户？", turns("什么是枫桥经验？")) == "网格员一天走访几户？"


def test_a_practice_pointed_at_is_the_one_the_reply_named(condenser):
    history = turns("村里的小矛盾一般怎么化解？", "推行“三说三调”：当事人说、邻里说、干部说，再分层调处。")
    assert condenser.condense("这个做法是谁提出的？", history) == "三说三调是谁提出的？"


def test_a_long_opening_is_cut_after_what_belongs_to_what(condenser):
    history = turns("村级光伏电站的收益扣除运维费后怎么分配？")
    assert condenser.condense("这笔收益能拿来发补贴吗？", history) == "村级光伏电站的收益能拿来发补贴吗？"
