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


@pytest.mark.parametrize(("previous", "reply", "question", "standalone"), [
    # a pronoun takes the glossary term of the previous question
    ("什么是枫桥经验？", "好的。", "它和网格化管理有什么关系？", "枫桥经验和网格化管理有什么关系？"),
    # on a trainer's own material: the phrase the previous question opens with, not 网格员, a glossary term that only
    # the reply happens to name
    ("护林员一般多久巡一次山？", "每天至少一次，由网格员抽查。", "他们干这个活有报酬吗？", "护林员干这个活有报酬吗？"),
    # a term the previous question quoted
    ("“一户一码”是什么意思？", "好的。", "这个制度在哪一年开始的？", "一户一码在哪一年开始的？"),
    # the noun a demonstrative points with is not repeated when the subject ends with it
    ("村级便民服务站要配几个人？", "好的。", "这个站每天几点开门？", "村级便民服务站每天几点开门？"),
    # a practice pointed at (这个做法) is the one the reply named
    ("村里的小矛盾一般怎么化解？", "推行“三说三调”：当事人说、邻里说、干部说，再分层调处。", "这个做法是谁提出的？",
     "三说三调是谁提出的？"),
    # a long opening is cut after what belongs to what
    ("村级光伏电站的收益扣除运维费后怎么分配？", "好的。", "这笔收益能拿来发补贴吗？", "村级光伏电站的收益能拿来发补贴吗？"),
])
def test_a_follow_up_gets_the_subject_it_leaves_implicit(condenser, previous, reply, question, standalone):
    assert condenser.condense(question, turns(previous, reply)) == standalone


@pytest.mark.parametrize("question", ["这个月没有新情况，还要报吗？", "那一般的问题多久处理完？", "这一次检查要带什么材料？"])
def test_a_time_or_a_word_that_opens_like_a_demonstrative_is_kept(condenser, question):
    history = turns("防汛物资台账由谁来填？")
    standalone = condenser.condense(question, history)
    assert standalone.endswith(question.removeprefix("那")) and standalone.startswith("防汛物资台账")


def test_a_question_naming_its_own_term_is_left_alone(condenser):
    assert condenser.condense("网格员一天走访几户？", turns("什么是枫桥经验？")) == "网格员一天走访几户？"


def test_the_topic_of_a_question_does_not_depend_on_the_glossarys_order():
    terms = ["人民调解", "调解协议", "司法确认", "强制执行"]
    question = "人民调解协议怎么申请司法确认？"
    topics = {RuleCondenser(Tokenizer(), glossary=order).topic(question) for order in (terms, terms[::-1])}
    assert topics == {"人民调解、司法确认"}  # in reading order; 调解协议 overlaps 人民调解 and is left out
    follow_up = RuleCondenser(Tokenizer(), glossary=terms[::-1]).condense("对方还是不履行，怎么办？", turns(question))
    assert follow_up == "人民调解、司法确认：对方还是不履行，怎么办？"
