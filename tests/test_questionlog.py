"""The question log (logic tier): what is kept, 👍/👎, search by text, day and kind, 知识缺口 grouped by meaning,
and a logged question turned into an eval case that the eval runner loads."""

from __future__ import annotations

from datetime import datetime, timedelta

from test_learners import Clock
from trainer_bot.evaluate.suite import load_suite
from trainer_bot.clock import CHINA
from trainer_bot.models import Answer, Chunk, Citation, Passage
from trainer_bot.questionlog import QuestionLog
from trainer_bot.web.log_tab import add_case


def answer(text: str, refused: bool = False, sources: tuple[str, ...] = ()) -> Answer:
    citations = [Citation(n, Passage(Chunk(f"c{n}", s, s, text, (s,), 0, ""), 1.0)) for n, s in enumerate(sources, 1)]
    return Answer("q", text, citations, refused)


def test_questions_answers_and_ratings_are_kept_and_found(db):
    clock = Clock(datetime(2026, 11, 30, 23, 30, tzinfo=CHINA))
    log = QuestionLog(db, clock=clock)
    first = log.record("访客", "什么是枫桥经验？", answer("枫桥经验是……[1]", sources=("disputes/fengqiao.md",)))
    clock.move(hours=1)  # the next day in Beijing
    log.record("13800000001", "低保怎么申请？", answer("抱歉，材料里没有。", refused=True))
    assert log.rate("访客", "什么是枫桥经验？", liked=False, reason="没回答问题")
    assert not log.rate("访客", "从没问过的问题", liked=True)
    entry = log.get(first)
    assert entry.sources == ("disputes/fengqiao.md",) and entry.rating == -1 and entry.reason == "没回答问题"
    assert [q.question for q in log.search(kind="disliked")] == ["什么是枫桥经验？"]
    assert [q.question for q in log.search(kind="refused")] == ["低保怎么申请？"]
    assert [q.question for q in log.search("枫桥")] == ["什么是枫桥经验？"]
    assert [q.question for q in log.search(day=clock.now.date())] == ["低保怎么申请？"]
    assert log.days() == [clock.now.date(), clock.now.date() - timedelta(days=1)]
    assert log.count("13800000001") == 1
    off = QuestionLog(db, enabled=False)
    assert off.record("x", "不记", answer("")) is None and log.count("x") == 0


def test_refused_questions_are_grouped_by_meaning(db, embeddings):
    log = QuestionLog(db)
    for question in ["低保怎么申请？", "申请低保需要什么条件？", "怎样申请最低生活保障？", "低保怎么申请？",
                     "宅基地审批要多久？", "农村宅基地怎么审批？", "今天天气怎么样？"]:
        log.record("访客", question, answer("抱歉", refused=True))
    log.record("访客", "什么是网格化管理？", answer("网格化管理是……[1]", sources=("a.md",)))
    gaps = log.gaps(lambda texts: [embeddings.embed_query(t) for t in texts])
    assert gaps[0].count == 4 and "低保怎么申请？" in gaps[0].examples and len(gaps[0].examples) == 3
    by_question = {q for g in gaps for q in g.examples}
    assert "什么是网格化管理？" not in by_question  # answered questions are no gap
    housing = next(g for g in gaps if "宅基地审批要多久？" in g.examples)
    assert "农村宅基地怎么审批？" in housing.examples and "今天天气怎么样？" not in housing.examples


def test_a_logged_question_becomes_an_eval_case(tmp_path):
    path = add_case(tmp_path / "suites", "村务问答", "村务公开多久一次？", 7, "autonomy/village-affairs.md", False, "季度，每月")
    add_case(tmp_path / "suites", "村务问答", "村务公开多久一次？", 7, None, True, "")
    suite = load_suite(path)
    assert [c.id for c in suite.cases] == ["log-7", "log-7-2"]
    assert suite.cases[0].expected_sources == ("autonomy/village-affairs.md",) and suite.cases[0].expected_keywords == ("季度", "每月")
    assert suite.cases[1].should_refuse and suite.cases[1].expected_sources == ()
