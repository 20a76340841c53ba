"""Learners on the real app (python app.py): a trainer runs a class from roster to grade sheet in /trainer,
cadres sign in at /learn, change their initial password, take the test, practise, and come back to a record;
and on a phone-sized Chromium (390×844) a wrong answer is marked red and green with its 解析 in view."""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from openpyxl import Workbook, load_workbook

from conftest import TRAINER
from servers import client
from test_quiz_export import QUIZ
from trainer_bot.db import Database
from trainer_bot.clock import CHINA
from trainer_bot.quiz.bank import QuizBank

CLASS = "网格员培训班"


def handle_file(path: str):
    from gradio_client import handle_file

    return handle_file(path)


def _error(call) -> str:
    with pytest.raises(Exception) as err:
        call()
    return str(err.value)


@pytest.fixture(scope="module")
def classroom(server, tmp_path_factory):
    """A published set written to the app's database, a roster of three imported in /trainer, their passwords."""
    db = Database(f"sqlite:///{server['data'] / 'trainer-bot.sqlite3'}")
    quiz = QuizBank(db).save(QUIZ.model_copy(update={"title": "调解测验", "status": "published"}))
    folder = tmp_path_factory.mktemp("roster")
    book = Workbook()
    book.active.append(["姓名", "单位", "账号", "手机号", "班级"])
    for n, (name, unit) in enumerate([("陈刚", "北村"), ("林静", "南村"), ("何平", "东村")], start=1):
        book.active.append([name, unit, f"grid{n}", f"1390000000{n}", CLASS])
    book.save(folder / "名单.xlsx")
    trainer = client(server["url"] + "/trainer", TRAINER)
    message, passwords, learners, *_ = trainer.predict(handle_file(str(folder / "名单.xlsx")),
                                                        api_name="/roster_import")
    assert "新建账号 3 个" in message and CLASS in message
    assert {row[0]: row[4] for row in learners["data"]}["grid1"] == "待首次修改"
    rows = list(load_workbook(passwords).active.iter_rows(values_only=True))[1:]
    return {"trainer": trainer, "set_id": quiz.id, "db": db, "passwords": {r[3]: r[4] for r in rows}, "quiz": quiz}


def _signed_in(server, account: str, old: str, new: str):
    """Sign in with the initial password, change it (which ends that session) and sign in again."""
    first = client(server["url"] + "/learn", (account, old))
    assert "修改初始密码" in _error(lambda: first.predict("每日答题", None, api_name="/practice_start"))
    changed = first.predict(old, new, new, api_name="/change_password")[0]
    assert "密码已修改" in changed
    return client(server["url"] + "/learn", (account, new))


def test_a_trainer_runs_a_class_from_roster_to_grade_sheet(server, classroom):
    trainer = classroom["trainer"]
    now = datetime.now(CHINA)
    opens, closes = (now - timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M"), (now + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    status, tasks, *_ = trainer.predict(classroom["set_id"], CLASS, "测验", opens, closes, 30, False, api_name="/assign")
    assert "已布置：调解测验（测验" in status and "限时 30 分钟" in status
    task_id = next(row[0] for row in tasks["data"] if row[2] == CLASS)
    assert "不能和原密码相同" in _error(lambda: client(server["url"] + "/learn", ("grid2", classroom["passwords"]["grid2"]))
                                        .predict(classroom["passwords"]["grid2"], classroom["passwords"]["grid2"],
                                                 classroom["passwords"]["grid2"], api_name="/change_password"))

    cadre = _signed_in(server, "grid1", classroom["passwords"]["grid1"], "grid1-new-pass")
    stem, *_ = cadre.predict(task_id, api_name="/task_start")
    assert "第 1 题 / 共 4 题" in stem and "测验" in stem and "截止时间" in stem  # the short answer is left out
    right = {"single_choice": ("A. 不收取", [], ""), "multiple_choice": (None, ["A. 自然灾害", "B. 事故灾难", "C. 公共卫生事件"], ""),
             "true_false": ("错误", [], ""), "fill_blank": (None, [], "不收取")}
    for q in classroom["quiz"].questions[:4]:  # not shuffled: the set's order
        stem, *rest = cadre.predict(*right[q.type], api_name="/task_answer")
        assert "答案已保存" in rest[3] and "回答正确" not in rest[3]  # a 测验 gives no verdict before it is handed in
    stem, *rest = cadre.predict(api_name="/task_hand_in")
    assert "答对 4 题，共 4 题，得分 100 分" in rest[3] and "截止" in rest[3] and "解析：" not in rest[3]
    again = cadre.predict(task_id, api_name="/task_start")  # the result again, not a second attempt
    assert "已交卷" in again[4]
    assert "没有待作答的题" in _error(lambda: cadre.predict("正确", [], "", api_name="/task_answer"))

    other = _signed_in(server, "grid3", classroom["passwords"]["grid3"], "grid3-new-pass")
    other.predict(task_id, api_name="/task_start")
    other.predict("B. 收取少量", [], "", api_name="/task_answer")  # wrong, then handed in with the rest unanswered
    other.predict(api_name="/task_hand_in")

    summary, grades, items, sheet = trainer.predict(task_id, api_name="/class_results")
    assert "共 3 人，已交卷 2 人" in summary and "未交卷：林静" in summary
    assert [(r[1], r[3], r[4]) for r in grades["data"]] == [("陈刚", "已交卷", 4), ("林静", "未参加", None), ("何平", "已交卷", 0)]
    single = items["data"][0]
    assert single[3] == 2 and single[4] == "50%" and single[5] == "1.00" and "B. 收取少量（1 人）" in single[6]
    book = load_workbook(sheet)
    assert [r[1] for r in list(book["成绩单"].iter_rows(values_only=True))[2:5]] == ["陈刚", "林静", "何平"]

    # grid2 never signed in again: the account is not usable for anything before the password change
    assert httpx.get(server["url"] + "/learn/config").status_code == 401


def test_a_learner_comes_back_to_a_record(server, classroom):
    cadre = _signed_in(server, "grid2", classroom["passwords"]["grid2"], "grid2-new-pass")
    stem, *_ = cadre.predict("每日答题", None, api_name="/practice_start")
    total = int(re.search(r"第 1 题 / 共 (\d) 题", stem).group(1))  # 5, or all there are when fewer are published
    assert total == min(5, sum(q.type != "short_answer" for s in QuizBank(classroom["db"]).list("published") for q in s.questions))
    feedback = ""
    for n in range(total):
        if n:
            stem, *_ = cadre.predict(api_name="/practice_next")
        feedback = _answer_wrongly(cadre, stem, QuizBank(classroom["db"]))
    assert f"练习结束：共 {total} 题" in feedback and "今日每日答题完成，已连续 1 天" in feedback and "答错的题" in feedback
    stem, *_ = cadre.predict("每日答题", None, api_name="/practice_start")
    assert "今日已完成每日答题，明天再来" in stem
    stem, *_ = cadre.predict("错题本", None, api_name="/practice_start")
    assert "第 1 题" in stem  # the wrong answers are there to retry
    record = cadre.predict(api_name="/my_record")
    assert "今日已完成 ✅" in record and "已连续 **1** 天" in record and "错题本：" in record and "每日答题" in record
    visitor = client(server["url"])  # the open app: practice works (again and again), and it offers no 错题本
    for _ in range(2):
        assert "第 1 题" in visitor.predict("每日答题", None, api_name="/practice_start")[0]
    assert "not in the list of choices" in _error(lambda: visitor.predict("错题本", None, api_name="/practice_start"))


def _answer_wrongly(cadre, stem: str, bank: QuizBank) -> str:
    """Submit a wrong answer to the question shown, whichever published set it comes from (the daily round draws
    from every set the server's tests have published, by a seed that changes with the day)."""
    from trainer_bot.quiz.model import LETTERS, TYPE_LABELS, ChoiceQuestion

    label = re.search(r"（(单选题|多选题|判断题|填空题)）", stem).group(1)
    shown = [q for q in bank.published_questions() if TYPE_LABELS[q.type] == label and q.stem[:12] in stem]
    q = max(shown, key=lambda q: len(os.path.commonprefix([q.stem, stem[stem.find(q.stem[:12]):]])))
    if isinstance(q, ChoiceQuestion):
        wrong = next(i for i in range(len(q.options)) if i not in q.answer)
        label = f"{LETTERS[wrong]}. {q.options[wrong]}"
        response = (label, [], "") if q.type == "single_choice" else (None, [label], "")
    elif q.type == "true_false":
        response = ("错误" if q.answer else "正确", [], "")
    else:
        response = (None, [], "一个错误的答案")
    return cadre.predict(*response, api_name="/practice_submit")[0]


def test_on_a_phone_a_wrong_answer_is_marked_with_its_explanation_in_view(browser, server, classroom, tmp_path: Path):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(server["url"] + "/learn/")
    page.locator("input[type='text'], input[name='username']").first.fill(TRAINER[0])
    page.locator("input[type='password']").first.fill(TRAINER[1])
    page.keyboard.press("Enter")
    page.get_by_role("tab", name="练习").click()
    page.get_by_label("题库练习").check()
    page.get_by_label("选择题库").click()
    page.get_by_role("option", name="调解测验（5 题）").click()
    page.get_by_role("button", name="开始练习").click()
    page.get_by_text("第 1 题 / 共 5 题").wait_for(timeout=15_000)
    page.get_by_label("B. 收取少量").check()  # wrong: the key is A
    page.get_by_role("button", name="提交").click()
    wrong = page.locator(".tb-opt.tb-wrong")
    wrong.wait_for(timeout=15_000)
    page.wait_for_timeout(500)  # the scroll back to the question
    page.screenshot(path=str(tmp_path / "phone.png"))
    assert "收取少量" in wrong.inner_text() and "不收取" in page.locator(".tb-opt.tb-right").inner_text()
    for element in (page.locator("#tb-stem"), wrong, page.locator(".tb-verdict"), page.get_by_text("解析", exact=False).first):
        box = element.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + min(box["height"], 40) <= 844, element
    assert page.locator(".tb-opt.tb-right").evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(230, 244, 234)"
