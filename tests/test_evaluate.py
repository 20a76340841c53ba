import json
import math
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from trainer_bot.bot import TrainerBot
from trainer_bot.errors import TrainerBotError
from trainer_bot.evaluate import compare_results, load_suite, run_suite
from trainer_bot.evaluate import metrics as m
from trainer_bot.evaluate.report import html_report, markdown_summary
from trainer_bot.evaluate.run import check_thresholds

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


# -- metric functions against hand-computed values ---------------------------------------------------------------
def test_hit_mrr_ndcg_by_file_name():
    retrieved = ["a/x.md", "b/y.md", "c/z.md"]
    assert m.hit_at(retrieved, ["y.md"], 1) == 0.0
    assert m.hit_at(retrieved, ["y.md"], 3) == 1.0
    assert m.reciprocal_rank(retrieved, ["other/y.md"]) == 0.5  # compared by file name
    assert m.ndcg_at(retrieved, ["y.md"], 5) == pytest.approx(1 / math.log2(3))
    two = m.ndcg_at(retrieved, ["x.md", "z.md"], 5)
    assert two == pytest.approx((1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3)))
    assert m.reciprocal_rank(retrieved, ["nope.md"]) == 0.0


def test_no_gold_gives_none_and_mean_skips_it():
    assert m.hit_at(["a.md"], [], 5) is None and m.ndcg_at([], [], 5) is None and m.keyword_recall("x", []) is None
    assert m.mean([1.0, None, 0.0]) == 0.5
    assert m.mean([None]) is None


def test_ties_in_ranking_count_the_first_place_a_file_appears():
    assert m.reciprocal_rank(["a/x.md", "b/x.md", "y.md"], ["x.md"]) == 1.0
    assert m.percentile([5.0, 5.0, 5.0, 9.0], 50) == 5.0
    assert m.percentile([1.0, 2.0, 3.0, 4.0, 100.0], 95) == 100.0


def test_refusal_scores_including_all_refused_and_none_refused():
    assert m.refusal_scores([True, False, True, False], [True, True, False, False]) == {
        "refusal_accuracy": 0.5, "refusal_precision": 0.5, "refusal_recall": 0.5}
    all_refused = m.refusal_scores([True, False], [True, True])
    assert all_refused == {"refusal_accuracy": 0.5, "refusal_precision": 0.5, "refusal_recall": 1.0}
    none = m.refusal_scores([False, False], [False, False])
    assert none == {"refusal_accuracy": 1.0, "refusal_precision": None, "refusal_recall": None}


def test_keyword_recall_citation_validity_and_groundedness():
    assert m.keyword_recall("调解不收费", ["不收费", "自愿"]) == 0.5
    assert m.citation_valid("甲[1]。乙[2]。", 2) and not m.citation_valid("甲[3]。", 2)
    assert not m.citation_valid("没有引用。", 1)
    passages = {1: "人民调解委员会调解民间纠纷，不收取任何费用。"}
    assert m.groundedness("人民调解不收取任何费用[1]。调解由法院强制执行[1]。", passages) == 0.5
    assert m.groundedness("人民调解委员会调解民间纠纷[2]。", passages) == 0.0  # cites a passage it does not have
    # the engine's own words around a quoted misconception are not claims of the material
    fix = {1: "误区：调解要收费。纠正：人民调解委员会调解民间纠纷，不收取任何费用。"}
    assert m.groundedness("常见误区是认为“调解要收费”，正确的理解是：人民调解委员会调解民间纠纷，不收取任何费用[1]。", fix) == 1.0
    assert m.groundedness("常见误区是认为“调解由法院强制执行”，正确的理解是：调解全凭自愿[1]。", fix) == 0.0


# -- suites ----------------------------------------------------------------------------------------------------------
def test_suite_yaml_names_cases_material_and_thresholds():
    suite = load_suite(FIXTURES / "suite.jsonl")
    assert suite.name == "fixture" and len(suite.cases) == 7
    assert suite.material == [(FIXTURES / "corpus").resolve()]
    assert suite.thresholds == {"hit@1": 0.8, "refusal_accuracy": 1.0}
    assert suite.cases[4].history[0].role == "user"


def test_bad_case_lines_name_the_line(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "question": "q"}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(TrainerBotError) as err:
        load_suite(path)
    assert "第 2 行" in str(err.value)


@pytest.fixture
def fixture_results(bot: TrainerBot) -> dict:
    return run_suite(bot, load_suite(FIXTURES / "suite.yaml"))


def test_run_on_fixture_suite_follows_the_results_contract(fixture_results: dict):
    r = fixture_results
    assert set(r) >= {"suite", "config", "metrics", "cases"}
    case = r["cases"][0]
    assert set(case) >= {"id", "question", "answer", "refused", "retrieved_sources", "latency_ms", "passed"}
    assert r["metrics"]["hit@1"] == 1.0 and r["metrics"]["refusal_accuracy"] == 1.0
    assert r["metrics"]["citation_validity"] == 1.0 and r["metrics"]["groundedness"] == 1.0
    assert r["metrics_by_tag"]["multi_turn"]["hit@1"] == 1.0
    assert r["cases"][4]["standalone_question"] != r["cases"][4]["question"]
    assert check_thresholds(r, {"hit@1": 0.8, "latency_p50_ms": 10_000}) == []
    assert check_thresholds(r, {"keyword_recall": 1.01}) == [f"keyword_recall = {r['metrics']['keyword_recall']} < 1.01"]
    summary = markdown_summary(r, [])
    assert "命中@1" in summary and "结论：达到全部门槛" in summary
    page = html_report(r, ["hit@1 = 0.1 < 0.8"])
    assert page.count("<svg") >= 3 and "未达到门槛" in page


def test_compare_flags_a_deliberately_broken_retriever(bot: TrainerBot, fixture_results: dict):
    good = bot.retriever.retrieve

    def broken(question, k=None, sources=None, expand=False, current_only=True):  # right gate, wrong passages: the worst-ranked first
        retrieval = good(question, k=20, sources=sources)
        return replace(retrieval, passages=list(reversed(retrieval.passages))[:5])

    bot.retriever.retrieve = broken
    worse = run_suite(bot, load_suite(FIXTURES / "suite.yaml"))
    comparison = compare_results(fixture_results, worse)
    regressed = {d.name for d in comparison.regressions()}
    assert {"hit@1", "mrr"} <= regressed
    assert comparison.broke and not comparison.fixed
    assert "⚠" in comparison.markdown()
    assert compare_results(fixture_results, fixture_results).regressions() == []


@pytest.mark.system  # another process
def test_cli_eval_run_and_compare(tmp_path: Path, fixture_results: dict):
    env = {**os.environ, "TRAINER_BOT_DATA_DIR": str(tmp_path / "unused")}
    out, report = tmp_path / "r.json", tmp_path / "r.html"
    run = subprocess.run([sys.executable, "-m", "trainer_bot.cli", "eval", "run", str(FIXTURES / "suite.jsonl"),
                          "--out", str(out), "--report", str(report)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert "结论：达到全部门槛" in run.stdout and report.read_text(encoding="utf-8").startswith("<!doctype html>")
    new = json.loads(out.read_text(encoding="utf-8"))
    assert new["metrics"]["hit@1"] == fixture_results["metrics"]["hit@1"]  # deterministic offline engine
    old = tmp_path / "old.json"
    degraded = json.loads(out.read_text(encoding="utf-8"))
    degraded["metrics"]["hit@1"] = 1.0
    new["metrics"]["hit@1"] = 0.5
    new["cases"][0]["passed"] = False
    degraded["cases"][0]["passed"] = True
    old.write_text(json.dumps(degraded), encoding="utf-8")
    out.write_text(json.dumps(new), encoding="utf-8")
    cmp = subprocess.run([sys.executable, "-m", "trainer_bot.cli", "eval", "compare", str(old), str(out),
                          "--fail-on-regression"], capture_output=True, text=True, env=env)
    assert cmp.returncode == 1 and "hit@1" in cmp.stdout and "fx-1" in cmp.stdout
    same = subprocess.run([sys.executable, "-m", "trainer_bot.cli", "eval", "compare", str(out), str(out),
                           "--fail-on-regression"], capture_output=True, text=True, env=env)
    assert same.returncode == 0


def test_main_suite_meets_its_thresholds(knowledge_bot: TrainerBot):
    suite = load_suite(REPO / "evals" / "main.yaml")
    assert len(suite.cases) >= 80
    results = run_suite(knowledge_bot, suite)
    print("\n" + markdown_summary(results))
    assert check_thresholds(results, suite.thresholds) == []


def test_answers_suite_meets_its_thresholds(knowledge_bot: TrainerBot):
    suite = load_suite(REPO / "evals" / "answers.yaml")
    assert len(suite.cases) >= 70
    kinds = {"definition", "list", "howto", "number", "comparison", "yesno", "why"}
    assert kinds <= {t for c in suite.cases for t in c.tags}
    results = run_suite(knowledge_bot, suite)
    print("\n" + markdown_summary(results))
    assert check_thresholds(results, suite.thresholds) == []


@pytest.mark.system  # a whole eval suite
@pytest.mark.parametrize("name", ["unseen", "heldout", "fresh-dev", "fresh-test", "fresh-blind", "fresh-blind2", "fresh-dev2",
                                  "fresh-blind3", "fresh-blind4", "fresh-blind5", "fresh-blind6", "fresh-blind7",
                                  "fresh-blind8", "fresh-blind9", "fresh-blind10",
                                  "fresh-blind11", "fresh-blind12", "fresh-blind13", "fresh-blind14", "fresh-blind15",
                                  "fresh-blind16", "fresh-blind17", "fresh-blind18", "fresh-blind19", "fresh-blind20",
                                  "fresh-blind21", "fresh-blind22", "fresh-blind23", "fresh-blind24",
                                  "fresh-blind25", "fresh-blind26", "fresh-blind27", "fresh-blind28",
                                  "fresh-blind29", "fresh-blind30", "fresh-blind31", "fresh-blind32",
                                  "fresh-blind33", "fresh-blind34", "fresh-blind35", "fresh-blind36",
                                  "fresh-blind37", "fresh-blind38", "fresh-blind39", "fresh-blind40",
                                  "fresh-blind41", "fresh-blind42", "fresh-blind43", "fresh-blind44",
                                  "fresh-blind45", "fresh-blind46", "fresh-blind47", "fresh-blind48",
                                  "fresh-blind49", "fresh-blind50", "fresh-blind51", "fresh-blind52",
                                  "fresh-blind53", "fresh-blind54", "fresh-blind55", "fresh-blind56",
                                  "fresh-blind57", "fresh-blind58", "fresh-blind59", "fresh-blind60",
                                  "fresh-blind61", "fresh-blind62"])
def test_material_of_a_trainers_own_meets_its_thresholds(bot: TrainerBot, name: str):
    """A trainer's own short files (md, GBK txt, html, docx) in a fresh store: answered, or refused."""
    suite = load_suite(REPO / "evals" / f"{name}.yaml")
    results = run_suite(bot, suite)
    print("\n" + markdown_summary(results))
    assert check_thresholds(results, suite.thresholds) == []


def test_quiz_suite_meets_its_thresholds(knowledge_bot: TrainerBot):
    from trainer_bot.evaluate.quiz_suite import is_quiz_suite, load_quiz_suite, quiz_summary, run_quiz_suite

    path = REPO / "evals" / "quiz.yaml"
    assert is_quiz_suite(path) and not is_quiz_suite(REPO / "evals" / "main.yaml")
    suite = load_quiz_suite(path)
    results = run_quiz_suite(knowledge_bot, suite)
    print("\n" + quiz_summary(results))
    assert check_thresholds(results, suite.thresholds) == []
    assert set(results["type_mix"]) == {"single_choice", "multiple_choice", "true_false", "fill_blank", "short_answer"}
    assert all(c["set_problems"] == [] for c in results["cases"])
    assert html_report(results).startswith("<!doctype html>")


def test_llm_judge_scores_answers_through_the_local_server(llm_bot: TrainerBot, fake_llm):
    from fake_llm import Reply

    from trainer_bot.llm import make_chat_model
    from trainer_bot.evaluate.judge import LLMJudge, parse_score

    assert parse_score('{"score": 5, "reason": "好"}') == 1.0 and parse_score("无法评分") is None
    suite = load_suite(FIXTURES / "suite.yaml")
    suite.cases = [c for c in suite.cases if c.id in ("fx-1", "fx-6")]  # one answered, one refused
    fake_llm.replies += [Reply("不收取任何费用[1]。"), Reply('{"score": 4, "reason": "有据"}'),
                         Reply('评审结果：{"score": 2, "reason": "部分切题"}')]
    judge = LLMJudge(make_chat_model(llm_bot.settings, streaming=False))
    results = run_suite(llm_bot, suite, judge=judge)
    assert results["metrics"]["judge_faithfulness"] == 0.75 and results["metrics"]["judge_relevance"] == 0.25
    assert "评审员" in fake_llm.requests[1]["messages"][0]["content"]
    assert len(fake_llm.requests) == 3  # the refused case is neither answered by nor sent to the model
    assert results["metrics"]["judge_errors"] == 0.0


def test_judge_failures_are_counted_apart_not_scored_low(llm_bot: TrainerBot, fake_llm):
    from fake_llm import Reply

    from trainer_bot.llm import make_chat_model
    from trainer_bot.evaluate.judge import LLMJudge

    suite = load_suite(FIXTURES / "suite.yaml")
    suite.cases = [c for c in suite.cases if c.id == "fx-1"]
    fake_llm.replies += [Reply("不收取任何费用[1]。"), Reply(status=500), Reply('{"score": 5}')]
    results = run_suite(llm_bot, suite, judge=LLMJudge(make_chat_model(llm_bot.settings, streaming=False)))
    assert results["metrics"]["judge_errors"] == 1.0  # the faithfulness call failed
    assert results["metrics"]["judge_faithfulness"] is None and results["metrics"]["judge_relevance"] == 1.0


def _results(latency_p95: float, hit: float = 1.0) -> dict:
    return {"metrics": {"hit@1": hit, "latency_p95_ms": latency_p95}, "cases": [{"id": "c1", "passed": True}]}


def test_compare_flags_a_latency_rise_but_not_a_fall():
    slower = compare_results(_results(100.0), _results(900.0))
    assert [d.name for d in slower.regressions()] == ["latency_p95_ms"]
    assert "⚠" in slower.markdown()
    assert compare_results(_results(900.0), _results(100.0)).regressions() == []
    assert compare_results(_results(100.0), _results(150.0)).regressions(tolerance=100.0) == []
    assert compare_results(_results(100.0), _results(110.0)).regressions() == []  # timing noise, under 20%


def test_lower_is_better_is_one_definition_for_compare_and_thresholds():
    assert m.lower_is_better("latency_p50_ms") and m.lower_is_better("duplicate_rate")
    assert not m.lower_is_better("hit@1") and not m.lower_is_better("fulfilment_rate")
    assert check_thresholds({"metrics": {"duplicate_rate": 0.3, "hit@1": 0.3}}, {"duplicate_rate": 0.2, "hit@1": 0.2}) \
        == ["duplicate_rate = 0.3 > 0.2"]


def test_a_refusal_recalls_no_keyword_even_when_it_shows_the_nearest_sentences():
    from trainer_bot.evaluate.run import score_case
    from trainer_bot.evaluate.suite import EvalCase

    case = EvalCase("k-1", "每季度末前要报什么？", expected_sources=("a.md",), expected_keywords=("季度末",))
    near = "现有培训材料中没有找到能确定回答这个问题的内容……\n\n每季度末前报送台账[1]。"
    scores, passed = score_case(case, near, True, ["a.md"], {1: "每季度末前报送台账。"})
    assert scores["keyword_recall"] == 0.0 and not passed
    scores, passed = score_case(case, "每季度末前报送台账[1]。", False, ["a.md"], {1: "每季度末前报送台账。"})
    assert scores["keyword_recall"] == 1.0 and passed
