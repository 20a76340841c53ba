"""The signed-in learner's 班级任务 (class tests and practice) and 我的学习 (record, password change).

The server keeps the attempt (``learners/classes.py``): this tab only shows the next unanswered
question of it, saves answers and hands in. A 测验 shows no verdict until it is handed in, and its
answers and 解析 only once it has closed; a class 练习 gives feedback after every answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import gradio as gr

from ..learners.classes import Assignment, Sitting
from ..clock import chinese_time
from ..learners.progress import record_markdown
from .errors import Problem, guarded
from .learning import Learning
from .practice import (SCROLL_TO_QUESTION, answer_inputs, feedback_html, question_components, question_markdown,
                       response_of, wrong_list_html)


class TasksTab:
    def __init__(self, learning: Learning, cite: Callable[[str, str], str]):
        self.learning = learning
        self.cite = cite

    def _label(self, a: Assignment, user: str) -> str:
        mine = self.learning.classroom.sittings(a.id, user)
        done = "已交卷" if any(s.finished for s in mine) else "作答中" if mine else a.state(self.learning.classroom.clock())
        return f"【{done}】{a.line()}"

    @guarded
    def refresh(self, request: gr.Request):
        user = self.learning.signed_in(request)
        tasks = self.learning.classroom.for_learner(user)
        note = "" if tasks else "您所在的班级还没有布置任务。"
        return gr.Dropdown(choices=[(self._label(a, user), a.id) for a in tasks], value=None), note

    def _result(self, sitting: Sitting) -> str:
        a = sitting.assignment
        text = f"<h3 class='tb-summary'>已交卷：{a.title}，答对 {int(sitting.score or 0)} 题，共 {sitting.total} 题，" \
               f"得分 {round(100 * (sitting.score or 0) / max(sitting.total, 1))} 分。</h3>"
        if a.kind == "测验" and a.state(self.learning.classroom.clock()) != "已截止":
            return text + f"<p>答案与解析在测验截止（{chinese_time(a.closes)}）后可在这里查看。</p>"
        wrong = [q for q in sitting.paper if not sitting.responses.get(q.id, {}).get("ok")]
        return text + wrong_list_html(wrong, self.cite, "答错或未答的题")

    def _view(self, sitting: Sitting, feedback: str = ""):
        """The sitting's next unanswered question (or its result once handed in)."""
        state = json.dumps({"sitting": sitting.id})
        deadline = f"截止时间：{chinese_time(sitting.deadline)}（北京时间）"
        i = sitting.next_index()
        if sitting.finished is not None:
            return state, "", *answer_inputs(None), feedback + self._result(sitting), gr.Button(interactive=False), \
                gr.Button(interactive=False), gr.Button(interactive=False)
        if i >= len(sitting.paper):
            return state, f"全部 {len(sitting.paper)} 题已作答。{deadline}。请点“交卷”。", *answer_inputs(None), feedback, \
                gr.Button(interactive=False), gr.Button(interactive=False), gr.Button(interactive=True)
        q = sitting.paper[i]
        head = f"{sitting.assignment.title} · {sitting.assignment.kind} · {deadline}\n\n"
        return state, head + question_markdown(q, i + 1, len(sitting.paper)), *answer_inputs(q), feedback, \
            gr.Button(interactive=True), gr.Button(interactive=False), gr.Button(interactive=True)

    @guarded
    def start(self, assignment_id: str | None, request: gr.Request):
        user = self.learning.signed_in(request)
        if not assignment_id:
            raise Problem("请先选择一项班级任务。")
        room = self.learning.classroom
        assignment = room.get(assignment_id)
        done = [s for s in room.sittings(assignment_id, user) if s.finished is not None]
        if done and assignment.kind == "测验":
            return self._view(done[-1])  # taken: its result (answers once the test has closed)
        return self._view(room.start(user, assignment_id))

    @guarded
    def save(self, state: str, single, multiple, text, request: gr.Request):
        user = self.learning.signed_in(request)
        if not state:
            raise Problem("请先选择任务并点击“开始作答”。")
        room = self.learning.classroom
        sitting = room.sitting(json.loads(state)["sitting"], user)
        i = sitting.next_index()
        if sitting.finished is not None or i >= len(sitting.paper):
            raise Problem("没有待作答的题了，请点“交卷”。")
        q = sitting.paper[i]
        response = response_of(q, single, multiple, text)
        sitting, ok = room.answer(sitting.id, user, q.id, response)
        if sitting.assignment.kind == "练习":  # feedback at once; the learner moves on with 下一题
            message = feedback_html(q, ok, response, self.cite(q.source.source, q.source.quote))
            return state, gr.update(), *answer_inputs(None), message, gr.Button(interactive=False), \
                gr.Button(interactive=i + 1 < len(sitting.paper)), gr.Button(interactive=True)
        return self._view(sitting, f"<p>第 {i + 1} 题答案已保存。</p>")

    @guarded
    def next_question(self, state: str, request: gr.Request):
        user = self.learning.signed_in(request)
        if not state:
            raise Problem("请先选择任务并点击“开始作答”。")
        return self._view(self.learning.classroom.sitting(json.loads(state)["sitting"], user))

    @guarded
    def hand_in(self, state: str, request: gr.Request):
        user = self.learning.signed_in(request)
        if not state:
            raise Problem("请先选择任务并点击“开始作答”。")
        return self._view(self.learning.classroom.hand_in(json.loads(state)["sitting"], user))

    def build(self) -> None:
        with gr.Tab("班级任务") as tab:
            with gr.Row(equal_height=True):
                chosen = gr.Dropdown(label="我的班级任务", scale=3, allow_custom_value=True)
                start_btn = gr.Button("开始作答", variant="primary", scale=1)
            note = gr.Markdown()
            state = gr.State("")
            stem, single, multiple, text, feedback = question_components("tb-task-stem")
            with gr.Row():
                save_btn = gr.Button("保存答案", interactive=False, variant="primary")
                next_btn = gr.Button("下一题", interactive=False)
                hand_btn = gr.Button("交卷", interactive=False, variant="stop")
        shown = [state, stem, single, multiple, text, feedback, save_btn, next_btn, hand_btn]
        tab.select(self.refresh, None, [chosen, note], api_name="tasks")
        start_btn.click(self.start, chosen, shown, api_name="task_start")
        save_btn.click(self.save, [state, single, multiple, text], shown, api_name="task_answer") \
            .then(None, None, None, js=SCROLL_TO_QUESTION.replace("tb-stem", "tb-task-stem"))
        next_btn.click(self.next_question, state, shown, api_name="task_next")
        hand_btn.click(self.hand_in, state, shown, api_name="task_hand_in")


class RecordTab:
    """我的学习: the learner's record, and the password change (required at first sign-in)."""

    def __init__(self, learning: Learning):
        self.learning = learning

    @guarded
    def show(self, request: gr.Request):
        name = getattr(request, "username", None)
        if not name:
            raise Problem("请先登录。")
        learner = self.learning.people.get(name)  # with the first-sign-in flag: one read for both
        if learner is not None and learner.must_change:
            return "### 首次登录，请先修改初始密码\n\n初始密码由培训师发放，修改后才能练习和参加班级任务。"
        return record_markdown(self.learning.progress.record(name), learner.full_name if learner else name)

    @guarded
    def change_password(self, old: str, new: str, again: str, request: gr.Request):
        name = getattr(request, "username", None)
        if not name:
            raise Problem("请先登录。")
        self.learning.people.change_password(self.learning.users, name, old or "", new or "", again or "")
        return "✅ 密码已修改。请用新密码重新登录（页面刷新后会回到登录页）。", "", "", ""

    def build(self, demo: gr.Blocks) -> None:
        with gr.Tab("我的学习") as tab:
            record = gr.Markdown()
            with gr.Accordion("修改密码", open=True):
                old = gr.Textbox(label="原密码（首次登录填培训师发的初始密码）", type="password")
                new = gr.Textbox(label="新密码（至少 8 位，混合字母、数字或符号）", type="password")
                again = gr.Textbox(label="再输入一次新密码", type="password")
                change_btn = gr.Button("修改密码", variant="primary")
                changed = gr.Markdown()
        tab.select(self.show, None, record, api_name="my_record")
        demo.load(self.show, None, record, api_visibility="private")
        change_btn.click(self.change_password, [old, new, again], [changed, old, new, again], api_name="change_password")

