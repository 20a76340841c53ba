"""Classes and tests (测验): a published set assigned to a class, with open and close times, an optional
time limit, one attempt and shuffled order, all enforced on the server; results per learner and per question.

A sitting is one learner's attempt. Its paper (the questions as shown, options shuffled) and the
learner's saved answers live in the database, so a refresh, another tab or another replica sees the
same attempt; the deadline is the earlier of the close time and the start plus the time limit.
"""

from __future__ import annotations

import builtins
import json
import random
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from ..db import Database, assignments, quiz_sets, sittings
from ..errors import NotFoundError, TrainerBotError
from ..quiz.bank import QuizBank
from ..quiz.model import CHOICE_TYPES, ChoiceQuestion, Question, parse_question
from ..quiz.practice import grade
from ..clock import Clock, chinese_time, parse, stamp, system_clock
from .people import People

KINDS = ("测验", "练习")
GRACE = timedelta(seconds=5)  # a request in flight when the time runs out


@dataclass(frozen=True)
class Assignment:
    id: str
    set_id: str
    title: str
    class_name: str
    kind: str  # 测验: one attempt, no feedback until handed in; 练习: attempts within the window, feedback at once
    opens: datetime
    closes: datetime
    minutes: int | None
    shuffle: bool

    def state(self, moment: datetime) -> str:
        return "未开始" if moment < self.opens else "已截止" if moment > self.closes else "进行中"

    def line(self) -> str:
        limit = f"，限时 {self.minutes} 分钟" if self.minutes else ""
        once = "，只能参加一次" if self.kind == "测验" else ""
        return f"{self.title}（{self.kind}，{chinese_time(self.opens)} 至 {chinese_time(self.closes)}{limit}{once}）"


@dataclass
class Sitting:
    id: int
    assignment: Assignment
    user: str
    started: datetime
    deadline: datetime
    finished: datetime | None
    paper: list[Question]  # as shown: order and options shuffled
    order: dict[str, list[int]]  # question id → original option index of each shown option
    responses: dict[str, dict]  # question id → {"response": in original option indexes, "ok": bool}
    score: float | None
    total: int

    def next_index(self) -> int:
        return next((i for i, q in enumerate(self.paper) if q.id not in self.responses), len(self.paper))


def _shuffled(questions: list[Question], rng: random.Random, shuffle: bool) -> tuple[list[Question], dict[str, list[int]]]:
    paper, order = list(questions), {}
    if shuffle:
        rng.shuffle(paper)
    shown = []
    for q in paper:
        index = list(range(len(q.options or [])))
        if isinstance(q, ChoiceQuestion):
            if shuffle:
                rng.shuffle(index)
            q = q.model_copy(update={"options": [q.options[i] for i in index],
                                     "answer": sorted(index.index(a) for a in q.answer)})
        order[q.id] = index
        shown.append(q)
    return shown, order


class Classroom:
    def __init__(self, db: Database, bank: QuizBank, people: People, clock: Clock = system_clock):
        self.db = db
        self.bank = bank
        self.people = people
        self.clock = clock

    # -- assignments -----------------------------------------------------------------------------
    def assign(self, set_id: str, class_name: str, kind: str, opens: datetime, closes: datetime,
               minutes: int | None = None, shuffle: bool = True, by: str = "") -> Assignment:
        quiz = self.bank.get(set_id)
        if quiz.status != "published":
            raise TrainerBotError(f"题库“{quiz.title}”还没有发布，请先发布再布置给班级。")
        if not any(q.type != "short_answer" for q in quiz.questions):
            raise TrainerBotError(f"题库“{quiz.title}”只有简答题，无法自动评分，不能布置为班级任务。")
        if class_name not in self.people.classes():
            raise TrainerBotError(f"没有班级“{class_name}”：请先在名单里为学员填写班级并导入。")
        if kind not in KINDS:
            raise TrainerBotError("任务类型只能是 测验 或 练习。")
        if closes <= opens:
            raise TrainerBotError("截止时间必须晚于开始时间。")
        if closes <= self.clock():
            raise TrainerBotError("截止时间已经过去，请设一个将来的截止时间。")
        if minutes is not None and not 1 <= minutes <= 600:
            raise TrainerBotError("限时应在 1 到 600 分钟之间；不限时请留空。")
        assignment_id = uuid.uuid4().hex[:12]
        row = dict(id=assignment_id, set_id=set_id, class_name=class_name, kind=kind, opens=stamp(opens),
                   closes=stamp(closes), minutes=minutes, shuffle=int(shuffle), created=stamp(self.clock()), by=by)
        with self.db.begin() as conn:
            conn.execute(insert(assignments).values(row))
        return self.get(assignment_id)

    def _titles(self, set_ids: list[str]) -> dict[str, str]:
        """Set id → title, without reading the sets' questions."""
        with self.db.begin() as conn:
            return dict(conn.execute(select(quiz_sets.c.id, quiz_sets.c.title).where(quiz_sets.c.id.in_(set_ids))).all())

    def _assignments(self, query) -> list[Assignment]:
        with self.db.begin() as conn:
            rows = conn.execute(query).all()
        titles = self._titles(sorted({r.set_id for r in rows}))
        return [Assignment(r.id, r.set_id, titles.get(r.set_id, "（题库已删除）"), r.class_name, r.kind, parse(r.opens),
                           parse(r.closes), r.minutes, bool(r.shuffle)) for r in rows]

    def list(self, class_names: list[str] | tuple[str, ...] | None = None) -> list[Assignment]:
        query = select(assignments).order_by(assignments.c.opens.desc())
        if class_names is not None:
            query = query.where(assignments.c.class_name.in_(list(class_names)))
        return self._assignments(query)

    def get(self, assignment_id: str) -> Assignment:
        found = self._assignments(select(assignments).where(assignments.c.id == assignment_id))
        if not found:
            raise NotFoundError("没有这项班级任务，请从列表中选择。")
        return found[0]

    def for_learner(self, user: str) -> builtins.list[Assignment]:
        learner = self.people.get(user)
        return self.list(learner.classes) if learner else []

    # -- sittings ----------------------------------------------------------------------------------
    def _sittings(self, assignment: Assignment, user: str | None = None) -> builtins.list[Sitting]:
        query = select(sittings).where(sittings.c.assignment_id == assignment.id).order_by(sittings.c.id)
        if user:
            query = query.where(sittings.c.user == user)
        with self.db.begin() as conn:
            rows = conn.execute(query).all()
        return [self._to_sitting(r, assignment) for r in rows]

    @staticmethod
    def _to_sitting(row, assignment: Assignment) -> Sitting:
        paper = json.loads(row.paper)
        return Sitting(row.id, assignment, row.user, parse(row.started), parse(row.deadline),
                       parse(row.finished) if row.finished else None,
                       [parse_question(q) for q in paper["questions"]], paper["order"],
                       json.loads(row.responses), row.score, row.total)

    def start(self, user: str, assignment_id: str) -> Sitting:
        """The learner's open sitting, or a new one if the assignment allows it now."""
        assignment = self.get(assignment_id)
        learner = self.people.get(user)
        if learner is None or assignment.class_name not in learner.classes:
            raise TrainerBotError("这项任务不是布置给您所在班级的。")
        moment = self.clock()
        mine = self._sittings(assignment, user)
        self._close_expired(mine, moment)
        current = next((s for s in mine if s.finished is None), None)
        if current is not None:
            return current
        if assignment.state(moment) == "未开始":
            raise TrainerBotError(f"这项任务 {chinese_time(assignment.opens)} 开始，现在还不能作答。")
        if assignment.state(moment) == "已截止":
            raise TrainerBotError(f"这项任务已于 {chinese_time(assignment.closes)} 截止，不能再作答。")
        if mine and assignment.kind == "测验":
            raise TrainerBotError("这次测验只能参加一次，您已经交卷了。")
        quiz = self.bank.get(assignment.set_id)
        questions: list[Question] = [q for q in quiz.questions if q.type != "short_answer"]  # graded by the server
        paper, order = _shuffled(questions, random.Random(secrets.randbits(64)), assignment.shuffle)
        deadline = min(assignment.closes, moment + timedelta(minutes=assignment.minutes)) if assignment.minutes \
            else assignment.closes
        row = dict(assignment_id=assignment_id, user=user, seq=len(mine) + 1, started=stamp(moment), deadline=stamp(deadline),
                   paper=json.dumps({"questions": [q.model_dump() for q in paper], "order": order}, ensure_ascii=False),
                   responses="{}", total=len(paper))
        try:
            with self.db.begin() as conn:
                conn.execute(insert(sittings).values(row))
        except IntegrityError:  # the same learner started in another tab or replica at the same moment
            raise TrainerBotError("您已经在另一个页面开始了这项任务，请刷新后继续。") from None
        return next(s for s in self._sittings(assignment, user) if s.finished is None)

    def sitting(self, sitting_id: int, user: str) -> Sitting:
        with self.db.begin() as conn:
            row = conn.execute(select(sittings).where(sittings.c.id == int(sitting_id), sittings.c.user == user)).first()
        if row is None:
            raise NotFoundError("没有找到您的这次作答，请重新开始。")
        return self._to_sitting(row, self.get(row.assignment_id))

    def answer(self, sitting_id: int, user: str, question_id: str, response) -> tuple[Sitting, bool]:
        """Save one answer (in the shown option order) before the deadline; whether it is right."""
        sitting = self.sitting(sitting_id, user)
        moment = self.clock()
        if sitting.finished is not None:
            raise TrainerBotError("您已经交卷，答案不能再修改。")
        if moment > sitting.deadline + GRACE:
            self._close_expired([sitting], moment)
            raise TrainerBotError(f"作答时间已于 {chinese_time(sitting.deadline)} 结束，这道题的答案没有保存；"
                                  "已按之前保存的答案交卷。")
        q = next((q for q in sitting.paper if q.id == question_id), None)
        if q is None:
            raise TrainerBotError("这道题不在您的试卷里。")
        ok = grade(q, response)
        order = sitting.order.get(q.id, [])
        original = sorted(order[i] for i in (response if isinstance(response, list) else [response])) \
            if q.type in CHOICE_TYPES and order else response
        sitting.responses[q.id] = {"response": original, "ok": ok}
        with self.db.begin() as conn:
            conn.execute(update(sittings).where(sittings.c.id == sitting.id, sittings.c.finished.is_(None))
                         .values(responses=json.dumps(sitting.responses, ensure_ascii=False)))
        return sitting, ok

    def hand_in(self, sitting_id: int, user: str) -> Sitting:
        sitting = self.sitting(sitting_id, user)
        if sitting.finished is not None:
            raise TrainerBotError("这次作答已经交卷了。")
        self._finish(sitting, min(self.clock(), sitting.deadline))
        return sitting

    def _finish(self, sitting: Sitting, moment: datetime) -> None:
        sitting.finished = moment
        sitting.score = float(sum(bool(r["ok"]) for r in sitting.responses.values()))
        with self.db.begin() as conn:
            conn.execute(update(sittings).where(sittings.c.id == sitting.id, sittings.c.finished.is_(None))
                         .values(finished=stamp(moment), score=sitting.score))

    def _close_expired(self, found: builtins.list[Sitting], moment: datetime) -> None:
        """Hand in, with what was saved, every sitting whose time is up."""
        for sitting in found:
            if sitting.finished is None and moment > sitting.deadline + GRACE:
                self._finish(sitting, sitting.deadline)

    def sittings(self, assignment_id: str, user: str | None = None) -> builtins.list[Sitting]:
        """An assignment's sittings (one learner's, if named), those whose time is up handed in."""
        found = self._sittings(self.get(assignment_id), user)
        self._close_expired(found, self.clock())
        return found
