"""The trainer's 学员与班级 tab: import a roster (initial passwords to hand out), assign a published set
to a class as 测验 or 练习, and see who took it, the scores and each question's statistics; 成绩单 as xlsx."""

from __future__ import annotations

import time
from pathlib import Path

import gradio as gr

from ..learners.classes import KINDS
from ..clock import chinese_time, read_local
from ..learners.results import results, write_gradesheet
from ..learners.roster import import_roster, read_roster, write_passwords
from ..quiz.model import TYPE_LABELS
from ..users import UserStore
from .errors import Problem, guarded
from .learning import Learning

LEARNER_HEADERS = ["账号", "姓名", "单位", "班级", "密码"]
TASK_HEADERS = ["编号", "题库", "班级", "类型", "开始", "截止", "限时（分钟）", "状态"]
RESULT_HEADERS = ["账号", "姓名", "单位", "状态", "得分", "满分", "百分制", "交卷时间"]
ITEM_HEADERS = ["序号", "题型", "题干", "作答人数", "正确率", "区分度", "最常见的错误答案"]


class ClassesTab:
    def __init__(self, learning: Learning, users: UserStore, exports: Path, require):
        self.learning = learning
        self.users = users
        self.exports = exports
        self.require = require

    def _learners(self) -> list[list]:
        return [[p.account, p.full_name, p.unit, "、".join(p.classes), "待首次修改" if p.must_change else "已修改"]
                for p in self.learning.people.list()]

    def _tasks(self) -> list[list]:
        room = self.learning.classroom
        moment = room.clock()
        return [[a.id, a.title, a.class_name, a.kind, chinese_time(a.opens), chinese_time(a.closes), a.minutes or "不限",
                 a.state(moment)] for a in room.list()]

    def _choices(self):
        classes = self.learning.people.classes()
        published = [(f"{s.title}（{len(s.questions)} 题）", s.id) for s in self.learning.classroom.bank.list("published")]
        tasks = [(f"{a.class_name} · {a.title} · {a.kind}（{chinese_time(a.opens)}）", a.id) for a in self.learning.classroom.list()]
        return (gr.Dropdown(choices=[(f"{c}（{n} 人）", c) for c, n in classes.items()]), gr.Dropdown(choices=published),
                gr.Dropdown(choices=tasks))

    @guarded
    def refresh(self, request: gr.Request):
        self.require(self.users, request)
        return self._learners(), self._tasks(), *self._choices()

    @guarded
    def import_file(self, file, request: gr.Request):
        self.require(self.users, request)
        if not file:
            raise Problem("请先选择名单文件（xlsx）。")
        path = Path(file if isinstance(file, str) else file.name)
        report = import_roster(self.learning.people.db, read_roster(path))
        out = write_passwords(report, self.exports / f"初始密码-{time.strftime('%Y%m%d-%H%M%S')}.xlsx")
        message = f"✅ {report.summary()}请下载初始密码表发给学员（学员入口 /learn，首次登录须修改密码）；发完后请妥善保管或删除该文件。"
        return message, str(out), self._learners(), *self._choices()

    @guarded
    def assign(self, set_id, class_name, kind, opens, closes, minutes, shuffle, request: gr.Request):
        trainer = self.require(self.users, request)
        if not set_id or not class_name:
            raise Problem("请选择题库和班级。")
        limit = int(minutes) if minutes else None
        task = self.learning.classroom.assign(set_id, class_name, kind, read_local(opens, "开始时间"),
                                              read_local(closes, "截止时间"), limit, bool(shuffle), trainer)
        return f"✅ 已布置：{task.line()}，班级“{task.class_name}”。", self._tasks(), *self._choices()

    @guarded
    def show_results(self, assignment_id, request: gr.Request):
        self.require(self.users, request)
        if not assignment_id:
            raise Problem("请先选择一项任务。")
        found = results(self.learning.classroom, assignment_id)
        rows = [[r.account, r.full_name, r.unit, r.status, r.score, r.total or None, r.percent, r.finished] for r in found.learners]
        items = [[n, TYPE_LABELS[i.question.type], i.question.stem, i.answered,
                  f"{i.facility:.0%}" if i.facility is not None else "—",
                  f"{i.discrimination:.2f}" if i.discrimination is not None else "—", i.common_wrong or "—"]
                 for n, i in enumerate(found.items, start=1)]
        out = write_gradesheet(found, self.exports / f"成绩单-{found.assignment.class_name}-{found.assignment.title}-"
                                                     f"{time.strftime('%Y%m%d-%H%M%S')}.xlsx")
        return found.summary(), rows, items, str(out)

    def build(self):
        """Lay out the tab; returns (refresh handler, its outputs) for ``demo.load``."""
        with gr.Tab("学员与班级"):
            with gr.Accordion("导入名单", open=True):
                gr.Markdown("名单为 xlsx（或 csv），表头包含 **姓名**、**单位**、**账号** 或 **手机号**、**班级**；"
                            "有问题的名单不会导入任何一行，并指出是第几行。已有账号的学员密码不变。")
                with gr.Row():
                    roster = gr.File(label="学员名单", file_types=[".xlsx", ".csv"])
                    with gr.Column():
                        import_btn = gr.Button("导入名单", variant="primary")
                        passwords = gr.File(label="初始密码表（下载后发给学员）", interactive=False)
                import_status = gr.Markdown()
                learners = gr.Dataframe(headers=LEARNER_HEADERS, label="学员", interactive=False, wrap=True)
            with gr.Accordion("布置任务", open=True):
                with gr.Row():
                    set_choice = gr.Dropdown(label="已发布的题库", allow_custom_value=True)
                    class_choice = gr.Dropdown(label="班级", allow_custom_value=True)
                    kind = gr.Radio(list(KINDS), value="测验", label="类型", info="测验只能参加一次，截止后才显示答案")
                with gr.Row():
                    opens = gr.Textbox(label="开始时间（北京时间）", placeholder="2026-12-01 09:00")
                    closes = gr.Textbox(label="截止时间", placeholder="2026-12-01 11:00")
                    minutes = gr.Number(label="限时（分钟，0 或留空为不限时）", precision=0, value=None)
                    shuffle = gr.Checkbox(label="打乱题目和选项顺序", value=True)
                assign_btn = gr.Button("布置", variant="primary")
                assign_status = gr.Markdown()
                tasks = gr.Dataframe(headers=TASK_HEADERS, label="班级任务", interactive=False, wrap=True)
            with gr.Accordion("成绩与试题分析", open=True):
                with gr.Row():
                    task_choice = gr.Dropdown(label="任务", allow_custom_value=True)
                    results_btn = gr.Button("查看成绩", variant="primary")
                summary = gr.Markdown()
                grades = gr.Dataframe(headers=RESULT_HEADERS, label="成绩", interactive=False, wrap=True)
                items = gr.Dataframe(headers=ITEM_HEADERS, label="试题分析（区分度：得分前 27% 与后 27% 学员的正确率之差）",
                                     interactive=False, wrap=True)
                sheet = gr.File(label="成绩单（xlsx）", interactive=False)
        choices = [class_choice, set_choice, task_choice]
        import_btn.click(self.import_file, roster, [import_status, passwords, learners, *choices], api_name="roster_import")
        assign_btn.click(self.assign, [set_choice, class_choice, kind, opens, closes, minutes, shuffle],
                         [assign_status, tasks, *choices], api_name="assign")
        results_btn.click(self.show_results, task_choice, [summary, grades, items, sheet], api_name="class_results")
        return self.refresh, [learners, tasks, *choices]
