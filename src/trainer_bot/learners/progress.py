"""A cadre's practice record: 每日答题 once a day with a streak, 挑战答题's best run, the 错题本, 积分, 学习记录.

Practice attempts are the quiz bank's ``attempts`` rows (so the trainer's per-question statistics count
them); the 错题本 and the points ledger are kept beside them, and questions asked are counted in the question log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import delete, func, insert, select, update

from ..db import Database, points, question_log, wrong_answers
from ..quiz.bank import QuizBank
from ..quiz.model import Question, parse_question_json
from ..clock import Clock, chinese_time, local_day, stamp, system_clock

DAILY = "每日答题"
CHALLENGE = "挑战答题"
REVIEW = "错题本"
PRACTICE_CAP = 20  # points from right answers per day
DAILY_BONUS = 2
OUT_AFTER = 2  # right answers in a row that take a question out of the 错题本
RULES = f"积分规则：练习中每答对一题得 1 分（每天最多 {PRACTICE_CAP} 分）；完成每日答题另得 {DAILY_BONUS} 分。"


@dataclass(frozen=True)
class Finished:
    points: int
    recorded: bool = True
    note: str = ""


@dataclass(frozen=True)
class StudyRecord:
    points_today: int
    points_total: int
    streak: int
    daily_done: bool
    challenge_best: int
    sets_done: int
    average: int | None  # percent right over finished practice
    asked: int
    wrong_open: int
    recent: list[tuple[str, str, int, int]] = field(default_factory=list)  # (finished, mode, score, total)


class Progress:
    def __init__(self, db: Database, bank: QuizBank, clock: Clock = system_clock):
        self.db = db
        self.bank = bank
        self.clock = clock

    # -- 每日答题 and 挑战答题 -----------------------------------------------------------------------
    def _daily_days(self, user: str) -> set[date]:
        return _days(self.bank.attempts(user=user, mode=DAILY))

    def daily_done(self, user: str) -> bool:
        return local_day(self.clock()) in self._daily_days(user)

    def streak(self, user: str) -> int:
        return _streak(self._daily_days(user), local_day(self.clock()))

    def challenge_best(self, user: str) -> int:
        return _best(self.bank.attempts(user=user, mode=CHALLENGE))

    # -- 错题本 -------------------------------------------------------------------------------------
    def mark(self, user: str, question: Question, ok: bool) -> str:
        """Note one graded answer in the 错题本; what changed, in Chinese (empty when nothing did)."""
        table = wrong_answers
        key = (table.c.user == user) & (table.c.question_id == question.id)
        with self.db.begin() as conn:
            row = conn.execute(select(table).where(key)).first()
            if not ok:
                if row is None:
                    conn.execute(insert(table).values(user=user, question_id=question.id, question=question.model_dump_json(),
                                                      added=stamp(self.clock()), misses=1, streak=0))
                    return "已加入错题本。"
                conn.execute(update(table).where(key).values(misses=row.misses + 1, streak=0,
                                                             question=question.model_dump_json()))
                return f"错题本里的这道题已连续答错，需再连续答对 {OUT_AFTER} 次才会移出。"
            if row is None:
                return ""
            if row.streak + 1 >= OUT_AFTER:
                conn.execute(delete(table).where(key))
                return f"已连续答对 {OUT_AFTER} 次，这道题移出错题本。"
            conn.execute(update(table).where(key).values(streak=row.streak + 1))
            return f"错题本：已答对 {row.streak + 1} 次，再答对 {OUT_AFTER - row.streak - 1} 次即可移出。"

    def wrong_book(self, user: str) -> list[Question]:
        with self.db.begin() as conn:
            rows = conn.execute(select(wrong_answers.c.question).where(wrong_answers.c.user == user)
                                .order_by(wrong_answers.c.added)).all()
        return [parse_question_json(r.question) for r in rows]

    # -- finishing a round, and points ------------------------------------------------------------
    def _points_today(self, user: str, reason: str | None = None) -> int:
        query = select(func.coalesce(func.sum(points.c.points), 0)).where(
            points.c.user == user, points.c.day == local_day(self.clock()).isoformat())
        if reason:
            query = query.where(points.c.reason == reason)
        with self.db.begin() as conn:
            return int(conn.execute(query).scalar() or 0)

    def finish(self, user: str, mode: str, set_id: str | None, results: dict[str, bool], started: str) -> Finished:
        """Record a finished round and award its points. A second 每日答题 on one day is not recorded."""
        if mode == DAILY and self.daily_done(user):
            return Finished(0, False, "今天的每日答题已经完成过，本次不再记录和计分。")
        moment = self.clock()
        self.bank.record_attempt(set_id, user, mode, results, started, stamp(moment))
        right = sum(results.values())
        earned = min(right, max(0, PRACTICE_CAP - self._points_today(user, "答对")))
        awards = [("答对", earned)] + ([("每日答题", DAILY_BONUS)] if mode == DAILY else [])
        with self.db.begin() as conn:
            for reason, value in awards:
                if value:
                    conn.execute(insert(points).values(user=user, day=local_day(moment).isoformat(), reason=reason,
                                                       points=value, at=stamp(moment)))
        total = sum(v for _, v in awards)
        capped = "（今天答题积分已达上限）" if earned < right else ""
        return Finished(total, True, f"本轮获得 {total} 积分{capped}。")

    # -- the record -----------------------------------------------------------------------------------
    def record(self, user: str) -> StudyRecord:
        done = [a for a in self.bank.attempts(user=user) if a["finished"]]  # one read: the daily days and best run too
        days, today = _days([a for a in done if a["mode"] == DAILY]), local_day(self.clock())
        with self.db.begin() as conn:
            total = int(conn.execute(select(func.coalesce(func.sum(points.c.points), 0))
                                     .where(points.c.user == user)).scalar() or 0)
            questions = int(conn.execute(select(func.count()).select_from(question_log)  # kept unless logging is off
                                         .where(question_log.c.user == user)).scalar() or 0)
            wrong = int(conn.execute(select(func.count()).select_from(wrong_answers)
                                     .where(wrong_answers.c.user == user)).scalar() or 0)
        answered = sum(a["total"] for a in done)
        return StudyRecord(
            points_today=self._points_today(user), points_total=total, streak=_streak(days, today),
            daily_done=today in days, challenge_best=_best([a for a in done if a["mode"] == CHALLENGE]), sets_done=len(done),
            average=round(100 * sum(a["score"] for a in done) / answered) if answered else None, asked=questions,
            wrong_open=wrong,
            recent=[(chinese_time(a["finished"]), a["mode"], int(a["score"]), a["total"]) for a in reversed(done[-10:])])


def _days(daily: list[dict]) -> set[date]:
    """The days (Beijing time) on which these 每日答题 attempts were finished."""
    return {local_day(a["finished"]) for a in daily if a["finished"]}


def _streak(days: set[date], today: date) -> int:
    """Days in a row with 每日答题 done, up to today (or up to yesterday while today's is still to do)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def _best(challenges: list[dict]) -> int:
    return max((int(a["score"]) for a in challenges), default=0)


def record_markdown(record: StudyRecord, who: str) -> str:
    """学习记录 as a cadre reads it."""
    daily = "今日已完成 ✅" if record.daily_done else "今日未完成"
    lines = [f"### {who}的学习记录",
             f"- 积分：今日 **{record.points_today}** 分，累计 **{record.points_total}** 分",
             f"- 每日答题：{daily}，已连续 **{record.streak}** 天",
             f"- 挑战答题最好成绩：连续答对 **{record.challenge_best}** 题",
             f"- 完成练习 {record.sets_done} 轮" + (f"，平均正确率 {record.average}%" if record.average is not None else ""),
             f"- 错题本：{record.wrong_open} 道待复习", f"- 问答：提问 {record.asked} 次", "", RULES]
    if record.recent:
        lines += ["", "| 时间 | 方式 | 得分 |", "|---|---|---|"]
        lines += [f"| {when} | {mode} | {score}/{total} |" for when, mode, score, total in record.recent]
    return "\n".join(lines)
