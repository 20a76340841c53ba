"""Learners (logic tier, no model): roster import, first-sign-in password change, 每日答题 once a day with a
streak, 积分, 错题本, and class tests enforced on the server, on a SQLite database and an injected clock."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from trainer_bot.errors import TrainerBotError
from trainer_bot.learners.classes import Classroom
from trainer_bot.clock import CHINA, chinese_time, read_local
from trainer_bot.learners.people import People
from trainer_bot.learners.progress import DAILY, PRACTICE_CAP, Progress, record_markdown
from trainer_bot.learners.results import results, write_gradesheet
from trainer_bot.learners.roster import import_roster, read_roster, write_passwords
from trainer_bot.quiz.bank import QuizBank
from trainer_bot.users import UserStore
from test_quiz_export import QUIZ

HEADER = ["序号", "姓名", "单位", "手机号", "班级"]
ROWS = [[1, "张明", "青石村村委会", 13800000001, "2026年秋季村干部班"],
        [2, "李芳", "河口社区居委会", "13800000002", "2026年秋季村干部班"],
        [3, "王强", "柳林镇政府", "13800000003", "2026年秋季村干部班"],
        [4, "赵丽", "东关社区", "13800000004", "社区书记班"]]


class Clock:
    """A clock a test moves by hand (Beijing time)."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta) -> None:
        self.now += timedelta(**delta)


def write_xlsx(path: Path, rows: list[list], header: list[str] = HEADER) -> Path:
    book = Workbook()
    book.active.append(["2026年秋季培训学员名单"])  # a title row above the header, as rosters often have
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "名单.xlsx", ROWS)


def test_a_roster_creates_cadre_accounts_with_initial_passwords(any_db, roster: Path, tmp_path: Path):
    db = any_db
    report = import_roster(db, read_roster(roster))
    assert "新建账号 4 个" in report.summary() and "2026年秋季村干部班" in report.summary()
    users = UserStore(db)
    first = report.created[0]
    assert first.account == "13800000001" and first.full_name == "张明"  # a phone typed as a number
    assert users.verify(first.account, first.password, "cadre") and users.role("13800000004") == "cadre"
    people = People(db)
    assert people.classes() == {"2026年秋季村干部班": 3, "社区书记班": 1}
    assert people.get("13800000002").label == "李芳（河口社区居委会）" and people.must_change("13800000002")

    sheet = load_workbook(write_passwords(report, tmp_path / "初始密码.xlsx")).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("姓名", "单位", "班级", "账号", "初始密码")
    assert {r[3]: r[4] for r in rows[1:]} == {i.account: i.password for i in report.imported}

    again = import_roster(db, read_roster(write_xlsx(tmp_path / "b.xlsx", [[1, "张明", "青石村党支部", 13800000001, "社区书记班"]])))
    assert again.created == [] and "密码不变" in again.summary()
    assert users.verify("13800000001", first.password) and people.get("13800000001").unit == "青石村党支部"
    assert people.get("13800000001").classes == ("2026年秋季村干部班", "社区书记班")


@pytest.mark.parametrize("rows, header, message", [
    (ROWS, ["序号", "名字x", "单位", "手机号", "班级"], "缺少“姓名”列"),
    (ROWS, ["序号", "姓名", "单位", "备注", "班级"], "缺少“账号”或“手机号”列"),
    ([*ROWS, [5, "孙伟", "西街村", "13800000002", "社区书记班"]], HEADER, "第 7 行：账号“13800000002”与第 4 行重复"),
    ([*ROWS[:2], [3, "", "柳林镇", "13800000009", ""]], HEADER, "第 5 行：缺少姓名"),
    ([*ROWS[:2], [3, "周到", "柳林镇", "138000", ""]], HEADER, "第 5 行：手机号“138000”不是 11 位手机号码"),
    ([*ROWS[:2], [3, "周到", "柳林镇", "", ""]], HEADER, "第 5 行：缺少账号或手机号"),
])
def test_a_wrong_roster_names_the_problem_and_imports_nobody(db, tmp_path: Path, rows, header, message):
    with pytest.raises(TrainerBotError) as err:
        import_roster(db, read_roster(write_xlsx(tmp_path / "bad.xlsx", rows, header)))
    assert message in str(err.value)
    assert UserStore(db).list() == [] and People(db).classes() == {}


def test_a_roster_never_turns_a_trainer_into_a_cadre_and_reads_gbk_csv(db, tmp_path: Path):
    UserStore(db).add("13800000003", "trainer-pass-1", "trainer")
    path = tmp_path / "名单.csv"
    with path.open("w", encoding="gb18030", newline="") as f:
        csv.writer(f).writerows([HEADER, *ROWS])
    with pytest.raises(TrainerBotError) as err:
        import_roster(db, read_roster(path))
    assert "第 4 行：账号“13800000003”是培训师账号" in str(err.value)
    assert UserStore(db).role("13800000003") == "trainer" and len(UserStore(db).list()) == 1
    with pytest.raises(TrainerBotError) as err:
        read_roster(tmp_path / "x.pdf")
    assert "xlsx" in str(err.value)


def test_the_first_sign_in_password_change(db, roster: Path):
    report = import_roster(db, read_roster(roster))
    account, initial = report.created[0].account, report.created[0].password
    people, users = People(db), UserStore(db)
    stamp = users.stamp(account)
    for old, new, again, message in [("wrong-pass-1", "newpass-123", "newpass-123", "原密码不对"),
                                     (initial, "newpass-123", "newpass-124", "不一致"),
                                     (initial, initial, initial, "不能和原密码相同"),
                                     (initial, "12345678", "12345678", "密码太容易被猜到")]:
        with pytest.raises(TrainerBotError) as err:
            people.change_password(users, account, old, new, again)
        assert message in str(err.value) and people.must_change(account)
    people.change_password(users, account, initial, "newpass-123", "newpass-123")
    assert not people.must_change(account) and users.verify(account, "newpass-123", "cadre")
    assert not users.verify(account, initial) and users.stamp(account) != stamp  # the old session ends


def _pool(n: int = 8):
    return [q.model_copy(update={"id": f"q{i}-{q.type}", "stem": f"{q.stem}（{i}）"}) for i in range(n) for q in QUIZ.questions[:4]]


def test_daily_once_a_day_with_a_streak_and_points(db):
    clock = Clock(datetime(2026, 11, 28, 23, 50, tzinfo=CHINA))
    progress = Progress(db, QuizBank(db), clock)
    started = clock.now.isoformat()
    assert not progress.daily_done("lisi") and progress.streak("lisi") == 0
    done = progress.finish("lisi", DAILY, None, {"a": True, "b": True, "c": False, "d": True, "e": True}, started)
    assert done.recorded and done.points == 4 + 2 and progress.daily_done("lisi")
    again = progress.finish("lisi", DAILY, None, {"a": True}, started)
    assert not again.recorded and "已经完成过" in again.note and progress.record("lisi").points_total == 6
    clock.move(minutes=20)  # 00:10 Beijing time (16:10 UTC): the next day
    assert not progress.daily_done("lisi") and progress.streak("lisi") == 1  # alive until today's is done
    progress.finish("lisi", DAILY, None, {"a": True}, started)
    assert progress.streak("lisi") == 2
    clock.move(days=2)
    assert progress.streak("lisi") == 0  # a day was missed
    progress.finish("lisi", "随机练习", None, {f"q{i}": True for i in range(PRACTICE_CAP + 5)}, started)
    record = progress.record("lisi")
    assert record.points_today == PRACTICE_CAP and record.points_total == 6 + 3 + PRACTICE_CAP
    assert record.sets_done == 3 and record.daily_done is False
    text = record_markdown(record, "李四")
    assert f"今日 **{PRACTICE_CAP}** 分" in text and "随机练习" in text and "积分规则" in text


def test_the_wrong_answer_book(db):
    progress = Progress(db, QuizBank(db), Clock(datetime(2026, 11, 29, 9, 0, tzinfo=CHINA)))
    single, multi, judge, fill, _ = QUIZ.questions
    assert "加入错题本" in progress.mark("lisi", single, False)
    progress.mark("lisi", judge, False)
    assert progress.mark("lisi", fill, True) == ""  # a right answer to a question never missed
    assert {q.id for q in progress.wrong_book("lisi")} == {single.id, judge.id} and progress.wrong_book("wang") == []
    assert "再答对 1 次" in progress.mark("lisi", single, True)
    progress.mark("lisi", single, False)  # wrong again: the count starts over
    progress.mark("lisi", single, True)
    assert single.id in [q.id for q in progress.wrong_book("lisi")]
    assert "移出错题本" in progress.mark("lisi", single, True)
    assert [q.id for q in progress.wrong_book("lisi")] == [judge.id] and progress.record("lisi").wrong_open == 1


@pytest.fixture
def classroom(any_db, roster: Path):
    """A published set and the roster's classes, on SQLite and on PostgreSQL."""
    db = any_db
    import_roster(db, read_roster(roster))
    bank = QuizBank(db)
    quiz = bank.save(QUIZ.model_copy(update={"status": "published"}))
    clock = Clock(datetime(2026, 12, 1, 8, 0, tzinfo=CHINA))
    return Classroom(db, bank, People(db), clock), quiz, clock


def _right(q):
    return q.answer if q.type != "fill_blank" else q.answer[0]


def test_a_class_test_is_enforced_on_the_server(classroom, tmp_path: Path):
    room, quiz, clock = classroom
    cls = "2026年秋季村干部班"
    opens, closes = read_local("2026-12-01 09:00"), read_local("2026年12月1日 11:00")
    for args, message in [((quiz.id, "没有的班", "测验", opens, closes), "没有班级"),
                          ((quiz.id, cls, "测验", closes, opens), "必须晚于"),
                          ((quiz.id, cls, "测验", opens, closes, 0), "限时")]:
        with pytest.raises(TrainerBotError) as err:
            room.assign(*args)
        assert message in str(err.value)
    test = room.assign(quiz.id, cls, "测验", opens, closes, minutes=30)
    assert [a.id for a in room.for_learner("13800000001")] == [test.id] and room.for_learner("13800000004") == []

    with pytest.raises(TrainerBotError) as err:
        room.start("13800000001", test.id)
    assert "12月1日 09:00 开始" in str(err.value)
    with pytest.raises(TrainerBotError) as err:
        room.start("13800000004", test.id)  # another class
    assert "不是布置给您所在班级" in str(err.value)

    clock.now = read_local("2026-12-01 09:05")
    zhang = room.start("13800000001", test.id)
    assert len(zhang.paper) == 4 and zhang.deadline == read_local("2026-12-01 09:35")
    assert room.start("13800000001", test.id).id == zhang.id  # a refresh resumes the same sitting
    for q in zhang.paper:  # all right, whatever order the options were shown in
        assert room.answer(zhang.id, "13800000001", q.id, _right(q))[1]
    assert room.hand_in(zhang.id, "13800000001").score == 4
    with pytest.raises(TrainerBotError) as err:
        room.start("13800000001", test.id)
    assert "只能参加一次" in str(err.value)

    li = room.start("13800000002", test.id)  # wrong on the single choice, right on the rest, then too late
    for q in li.paper:
        if q.type == "single_choice":
            wrong = next(i for i in range(len(q.options)) if i not in q.answer)
            assert not room.answer(li.id, "13800000002", q.id, wrong)[1]
        elif q.type == "true_false":
            room.answer(li.id, "13800000002", q.id, q.answer)
    clock.move(minutes=31)  # past the 30-minute limit
    fill = next(q for q in li.paper if q.type == "fill_blank")
    with pytest.raises(TrainerBotError) as err:
        room.answer(li.id, "13800000002", fill.id, fill.answer[0])
    assert "作答时间已于" in str(err.value) and "没有保存" in str(err.value)
    assert room.sitting(li.id, "13800000002").score == 1  # handed in with what was saved in time

    clock.now = read_local("2026-12-01 11:01")
    with pytest.raises(TrainerBotError) as err:
        room.start("13800000003", test.id)
    assert "已于 2026年12月1日 11:00 截止" in str(err.value)

    found = results(room, test.id)
    assert [(r.full_name, r.status, r.score) for r in found.learners] == [
        ("张明", "已交卷", 4), ("李芳", "已交卷", 1), ("王强", "未参加", None)]
    assert found.average == pytest.approx(62.5) and "未交卷：王强" in found.summary()
    by_type = {i.question.type: i for i in found.items}
    assert by_type["single_choice"].facility == 0.5 and by_type["single_choice"].discrimination == 1.0
    assert by_type["true_false"].facility == 1.0 and by_type["true_false"].discrimination == 0.0
    assert "（1 人）" in by_type["single_choice"].common_wrong and "不收取" not in by_type["single_choice"].common_wrong
    assert by_type["fill_blank"].answered == 1  # 李芳 never saved it

    book = load_workbook(write_gradesheet(found, tmp_path / "成绩单.xlsx"))
    grades = list(book["成绩单"].iter_rows(values_only=True))
    assert grades[1][:4] == ("账号", "姓名", "单位", "状态") and grades[2][1:7] == ("张明", "青石村村委会", "已交卷", 4, 4, 100)
    assert grades[4][3:5] == ("未参加", None)
    analysis = list(book["试题分析"].iter_rows(values_only=True))
    assert analysis[0][5:7] == ("正确率", "区分度") and len(analysis) == 5


def test_a_class_practice_allows_more_attempts_and_shuffles(classroom):
    room, quiz, clock = classroom
    task = room.assign(quiz.id, "2026年秋季村干部班", "练习", clock.now, clock.now + timedelta(days=7))
    orders = set()
    for _ in range(6):
        sitting = room.start("13800000003", task.id)
        orders.add(tuple(q.id for q in sitting.paper) + tuple(o for q in sitting.paper for o in (q.options or [])))
        room.hand_in(sitting.id, "13800000003")
    assert len(orders) > 1  # order and options shuffled per attempt
    assert results(room, task.id).learners[2].attempts == 6
    with pytest.raises(TrainerBotError) as err:
        room.assign(QuizBank(room.db).save(QUIZ.model_copy(update={"id": "", "status": "draft"})).id,
                    "社区书记班", "练习", clock.now, clock.now + timedelta(days=1))
    assert "还没有发布" in str(err.value)


def test_times_are_read_and_shown_in_beijing_time():
    assert read_local("2026/12/1 8:30") == datetime(2026, 12, 1, 0, 30, tzinfo=timezone.utc)
    assert chinese_time(datetime(2026, 11, 28, 14, 13, tzinfo=timezone.utc)) == "2026年11月28日 22:13"
    with pytest.raises(TrainerBotError) as err:
        read_local("下周一")
    assert "2026-12-01 08:00" in str(err.value)
