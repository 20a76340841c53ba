import pytest

from conftest import index_texts
from trainer_bot.answer.ranking import HAND, UnitEvidence, UnitWeights
from trainer_bot.bot import TrainerBot
from trainer_bot.question import analyse


def evidence(**values: float) -> UnitEvidence:
    base = dict.fromkeys(UnitEvidence.names(), 0.0)
    return UnitEvidence(**(base | values))


def test_without_a_fitted_file_the_hand_set_weights_apply():
    assert UnitWeights.load().weights == HAND  # (no fitted file ships; see benchmarks/fit_unit_ranker.py)
    assert UnitWeights.load("no-such-ranker.json").weights == HAND
    assert set(HAND) == set(UnitEvidence.names())


def test_the_score_is_the_weighted_sum_and_an_unknown_cosine_counts_nothing():
    weights = UnitWeights({"lexical": 0.5, "meaning": 0.45, "dense": 1.0})
    assert weights.score(evidence(lexical=0.4, meaning=1.0, dense=-1.0)) == pytest.approx(0.2 + 0.45)
    assert weights.score(evidence(dense=0.8)) == pytest.approx(0.8)


def test_every_candidate_carries_its_evidence_and_is_scored_by_the_weights(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"grid.md": (
        "# 网格员工作补贴发放办法\n\n## 一、补贴标准\n\n专职网格员每人每月补贴1200元，兼职网格员每人每月600元。\n\n"
        "## 二、发放\n\n补贴按季度发放到本人银行卡，由镇综治中心负责核算。\n")})
    question = "兼职网格员每个月补贴多少钱？"
    retrieval = bot.retrieve(question)
    cands = bot.answerer.candidates(question, retrieval.passages, analyse(question))
    assert cands and all(c.evidence is not None for c in cands)
    assert all(c.score == pytest.approx(bot.answerer.weights.score(c.evidence)) for c in cands if c.evidence)
    assert "600元" in cands[0].unit
