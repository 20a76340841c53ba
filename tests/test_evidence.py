import pytest

from trainer_bot.evidence import per_base


@pytest.mark.parametrize("clause, stated, other", [
    ("每亩能领多少救灾补助", "受灾农户每亩补助200元", "人工清理每公里1200元"),
    ("育肥猪上保险一头能保多少钱", "每头保险金额800元", "每亩保险金额1000元"),
    ("一张卡一天最多能取多少钱", "每卡每日累计不超过2000元", "单笔不超过500元"),
    ("开户接水费一户要交多少钱", "每户收取接水费300元", "移表费150元"),
])
def test_a_rate_asked_per_base_is_stated_per_that_base(clause: str, stated: str, other: str):
    base = per_base(clause)
    assert base is not None and base.search(stated) and not base.search(other)


def test_no_base_when_the_number_asked_is_not_a_rate():
    assert per_base("村里有多少人") is None
    assert per_base("一年最多能批多少方砂") is None  # (a year is a period, not what the rate is counted by)
