import pytest

from trainer_bot.question import sub_questions
from trainer_bot.question import analyse, number_clause


@pytest.mark.parametrize(("question", "kind"), [
    ("什么是枫桥经验？", "definition"),
    ("每月一题是怎么回事？", "definition"),
    ("四议两公开具体是哪四议？", "list"),
    ("预警分为哪几级？", "list"),
    ("村委会想用集体收益修一条路，要走什么程序？", "howto"),
    ("村里两户因宅基地起了纠纷，该怎么调解？", "howto"),
    ("人民调解委员会由几个人组成？", "number"),
    ("信访事项多久要办结？", "number"),
    ("一网通办和一网统管有什么区别？", "comparison"),
    ("河长和林长在层级设置上有什么不一样？", "comparison"),
    ("调委会可以收费吗？", "yesno"),
    ("街道召集几个部门来处理违建，有个部门露了个面就走了，这算完成报到了吗？", "yesno"),
    ("为什么要搞三治融合？", "why"),
    ("村务监督委员会最早是在哪个村搞起来的？", "where"),
])
def test_kind_of_question(question: str, kind: str):
    assert analyse(question).kind == kind


def test_definition_subject_comparison_sides_and_quotes():
    assert analyse("什么叫“多网合一”？").subject == "多网合一"
    assert analyse("共建共治共享分别是什么意思？").subject == "共建共治共享"
    assert analyse("那网格化管理和枫桥经验有什么区别？").sides == ("网格化管理", "枫桥经验")
    assert analyse("《人民调解法》是什么？").quoted == ("人民调解法",)


def test_number_questions_know_the_measure_they_expect():
    people = analyse("人民调解委员会由几个人组成？").measure
    assert people.search("由委员三至九人组成") and not people.search("三年")
    money = analyse("摊位费一天多少钱？").measure
    assert money.search("每天五元") and not money.search("五个摊位")
    duration = analyse("水质多久抽检一次？").measure
    assert duration.search("每季度抽检") and duration.search("15日内")
    assert analyse("为什么要搞三治融合？").measure is None
    assert analyse("每个网格配几个网格员？").measure.search("每个网格配备一名专职网格员")


def test_the_clause_that_asks_is_the_one_that_counts():
    assert number_clause("村里那个说和纠纷的组织，一般由几个人组成？对成员有没有要求？") == "一般由几个人组成"
    assert analyse("以前各自分片，同一栋楼对应好几个格长，这种做法叫什么？").kind != "number"


def test_several_questions_in_one_message_are_split():
    assert sub_questions("可以旁听吗？平时还能查哪些账？") == ["可以旁听吗？", "平时还能查哪些账？"]
    assert sub_questions("什么是井长制？") == ["什么是井长制？"]
