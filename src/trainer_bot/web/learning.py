"""What the cadre app needs to keep a signed-in learner's record, and who is signed in."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from ..db import Database
from ..learners.classes import Classroom
from ..clock import Clock, system_clock
from ..learners.people import People
from ..learners.progress import Progress
from ..quiz.bank import QuizBank
from ..users import UserStore
from .errors import Problem

FIRST_SIGN_IN = "首次登录请先在“我的学习”里修改初始密码，然后就可以练习和参加班级任务了。"


@dataclass
class Learning:
    users: UserStore
    people: People
    progress: Progress
    classroom: Classroom

    @classmethod
    def open(cls, db: Database, bank: QuizBank, clock: Clock = system_clock) -> Learning:
        people = People(db)
        return cls(UserStore(db), people, Progress(db, bank, clock), Classroom(db, bank, people, clock))

    def learner(self, request: gr.Request | None) -> str | None:
        """The signed-in account (None for a visitor); one that still has its initial password may not go on."""
        name = getattr(request, "username", None) if request is not None else None
        if not name:
            return None
        if self.people.must_change(name):
            raise Problem(FIRST_SIGN_IN)
        return name

    def signed_in(self, request: gr.Request | None) -> str:
        """The signed-in account, for what only a learner may do; a visitor is told how to sign in."""
        name = self.learner(request)
        if name is None:
            raise Problem("请先登录（学员入口 /learn，账号和初始密码由培训师发放）。")
        return name

    def greeting(self, name: str | None) -> str:
        if not name:
            return "您未登录：练习成绩不会保存。[学员登录](/learn/) 后可保存学习记录、错题本和积分。"
        learner = self.people.get(name)
        who = learner.full_name if learner else name
        if learner is not None and learner.must_change:
            return f"{who}，您好！" + FIRST_SIGN_IN
        record = self.progress.record(name)
        daily = "今日每日答题已完成 ✅" if record.daily_done else "今日每日答题还没做"
        return f"{who}，您好！{daily}；已连续 {record.streak} 天，今日积分 {record.points_today}，错题本 {record.wrong_open} 道。"
