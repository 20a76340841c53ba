"""The 练习 and 班级任务 handlers as plain methods, without a server: a signed-in learner's 每日答题 is refused
the second time on one day and offered again the next (the clock is injected), 专项答题 keeps to its topic,
the 错题本 fills from wrong answers, and the feedback marks the options."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import gradio as gr
import pytest

from test_learners import ROWS, Clock, write_xlsx
from test_quiz_export import QUIZ
from trainer_bot.clock import CHINA
from trainer_bot.learners.roster import import_roster, read_roster
from trainer_bot.quiz.bank import QuizBank
from trainer_bot.quiz.model import QuoteSource
from trainer_bot.web.learning import Learning
from trainer_bot.web.practice import PracticeTab, marked_options
from trainer_bot.web.tasks import TasksTab

TOPICS = {"disputes/people-mediation.md": "矛盾纠纷化解", "emergency/law.md": "应急与安全"}


def request(user: str | None = None):
    return SimpleNamespace(username=user, client=SimpleNamespace(host="10.0.0.1"))


@pytest.fixture
def tab(db, tmp_path: Path):
    bank = QuizBank(db)
    emergency = [q.model_copy(update={"id": f"e-{q.id}", "stem": q.stem + "（应急）",
                                      "source": QuoteSource(source="emergency/law.md", quote=q.source.quote)})
                 for q in QUIZ.questions[:4]]
    bank.save(QUIZ.model_copy(update={"status": "published"}))
    bank.save(QUIZ.model_copy(update={"id": "", "title": "应急", "questions": emergency, "status": "published"}))
    report = import_roster(db, read_roster(write_xlsx(tmp_path / "r.xlsx", ROWS)))
    clock = Clock(datetime(2026, 11, 30, 20, 0, tzinfo=CHINA))
    learning = Learning.open(db, bank, clock)
    account = report.created[0]
    learning.people.change_password(learning.users, account.account, account.password, "changed-pass-1", "changed-pass-1")
    cite = lambda source, quote: f"《{source}》"  # noqa: E731
    return PracticeTab(bank, cite, lambda: TOPICS, learning), learning, account.account, clock


def _play(tab: PracticeTab, mode: str, user: str | None, choice: str | None = None, wrong: bool = False) -> tuple[list[str], str]:
    """One round answered (all right, or all wrong); the stems seen and the last feedback."""
    state, stem, *_ = tab.start(mode, choice, request(user))
    stems, feedback = [stem], ""
    while True:
        q = json.loads(state)["questions"][json.loads(state)["i"]]
        single = multiple = text = None
        if q["type"] == "single_choice":
            single = f"{'ABCD'[(q['answer'][0] + wrong) % 4]}. x"
        elif q["type"] == "multiple_choice":
            multiple = [f"{'ABCD'[i]}. x" for i in (q["answer"] if not wrong else [3])]
        elif q["type"] == "true_false":
            single = "正确" if q["answer"] != wrong else "错误"
        else:
            text = "错的答案" if wrong else q["answer"][0]
        state, feedback, *_, next_btn = tab.submit(state, single, multiple, text, request(user))
        if "练习结束" in feedback or "挑战结束" in feedback:
            return stems, feedback
        state, stem, *_ = tab.next_question(state)
        stems.append(stem)


def test_a_learners_daily_round_once_a_day_then_the_next_day(tab):
    practice, learning, user, clock = tab
    stems, feedback = _play(practice, "每日答题", user)
    assert len(stems) == 5 and "今日每日答题完成，已连续 1 天" in feedback and "本轮获得 7 积分" in feedback
    _, stem, *_ = practice.start("每日答题", None, request(user))
    assert "今日已完成每日答题，明天再来" in stem and "已连续 1 天" in stem
    clock.move(hours=5)  # 01:00 the next day, Beijing time
    _, feedback = _play(practice, "每日答题", user)
    assert "已连续 2 天" in feedback
    assert learning.progress.record(user).points_total == 14
    _, stem, *_ = practice.start("每日答题", None, request(None))  # a visitor is never told to come back tomorrow
    assert "第 1 题" in stem


def test_topic_practice_and_the_wrong_answer_book(tab):
    practice, learning, user, clock = tab
    assert practice.topics() == ["应急与安全", "矛盾纠纷化解"]
    stems, feedback = _play(practice, "专项答题", user, "应急与安全", wrong=True)
    assert len(stems) == 4 and all("（应急）" in s for s in stems)
    assert "答错的题（4 道）" in feedback and "《emergency/law.md》" in feedback
    assert len(learning.progress.wrong_book(user)) == 4
    for _ in range(2):
        _play(practice, "错题本", user)
    _, stem, *_ = practice.start("错题本", None, request(user))
    assert "错题本是空的" in stem
    with pytest.raises(gr.Error) as err:
        practice.start("错题本", None, request(None))
    assert "需要登录" in str(err.value)
    with pytest.raises(gr.Error) as err:  # an account still on its initial password
        practice.start("每日答题", None, request("13800000002"))
    assert "修改初始密码" in str(err.value)


def test_the_feedback_marks_the_chosen_and_the_right_option():
    single = QUIZ.questions[0]
    marked = marked_options(single, 1)
    assert marked.count("tb-right") == 1 and marked.count("tb-wrong") == 1
    assert "A. 不收取 <b>✓ </b>" in marked and "B. 收取少量 <b>✗ （您的选择）</b>" in marked
    assert "tb-wrong" not in marked_options(single, 0)


def test_a_class_test_through_the_task_handlers(tab):
    practice, learning, user, clock = tab
    quiz = next(s for s in learning.classroom.bank.list() if s.title != "应急")
    task = learning.classroom.assign(quiz.id, "2026年秋季村干部班", "测验", clock.now, clock.now + timedelta(hours=1),
                                     minutes=20, shuffle=False)
    tasks = TasksTab(learning, lambda source, quote: source)
    state, stem, *_ = tasks.start(task.id, request(user))
    assert "第 1 题 / 共 4 题" in stem and "2026年11月30日 20:20" in stem  # the deadline: 20 minutes from now
    clock.move(minutes=21)
    with pytest.raises(gr.Error) as err:
        tasks.save(state, "A. 不收取", None, None, request(user))
    assert "作答时间已于 2026年11月30日 20:20 结束" in str(err.value)
    *_, result, _, _, _ = tasks.start(task.id, request(user))
    assert "已交卷" in result and "得分 0 分" in result
