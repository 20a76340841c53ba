"""The cadre's 练习 tab: a published set, random practice, 每日答题 or 挑战答题, one question at a time,
with immediate feedback (解析 and 出处) and a final score recorded in the bank."""

from __future__ import annotations

import json
import secrets

import gradio as gr

from ..quiz.bank import GUEST, QuizBank
from ..models import now
from ..quiz.model import TYPE_LABELS, Question
from ..quiz.practice import challenge_order, daily_set, grade, random_set
from .errors import guarded
from .guard import RateLimit

MODES = ["题库练习", "随机练习", "每日答题", "挑战答题"]
LETTERS = "ABCDEF"


def _user(request: gr.Request | None) -> str:
    return getattr(request, "username", None) or GUEST


def _address(request: gr.Request | None) -> str:
    client = getattr(request, "client", None)
    return getattr(client, "host", None) or "?"


def question_markdown(q: Question, n: int, total: int | None) -> str:
    where = f"第 {n} 题" + (f" / 共 {total} 题" if total else "")
    return f"**{where}（{TYPE_LABELS[q.type]}）**\n\n{q.stem}"


def feedback_markdown(q: Question, ok: bool) -> str:
    from ..quiz.export import answer_text

    verdict = "✅ 回答正确！" if ok else f"❌ 回答错误。正确答案：{answer_text(q)}"
    return f"{verdict}\n\n**解析**：{q.explanation}\n\n**出处**：{q.source.source}\n\n> {q.source.quote}"


def build_practice_tab(bank: QuizBank, guests: RateLimit | None = None) -> None:
    """``guests``: how many finished attempts of signed-out visitors count in the trainer's statistics, per
    address (a script cannot flood the 正确率; the visitor still practises and sees the score)."""
    guests = guests or RateLimit(limit=10, window=3600)

    @guarded
    def set_choices():
        return gr.Dropdown(choices=[(f"{s.title}（{len(s.questions)} 题）", s.id) for s in bank.list("published")])

    @guarded
    def start(mode, set_id, request: gr.Request):
        user = _user(request)
        pool = bank.published_questions()
        if mode == "题库练习":
            if not set_id:
                raise gr.Error("请先选择一套已发布的题库。")
            quiz = next((s for s in bank.list("published") if s.id == set_id), None)
            if quiz is None:  # drafts are the trainer's: never practised (their answers would show)
                raise gr.Error("没有这套已发布的题库，请从列表中选择。")
            questions = quiz.questions
        elif mode == "每日答题":
            questions = daily_set(pool, user)
        elif mode == "挑战答题":
            questions = challenge_order(pool, secrets.token_hex(4))
        else:
            questions = random_set(pool, 10, secrets.token_hex(4))
        if not questions:
            raise gr.Error("还没有已发布的题目，请等培训师发布题库后再来练习。")
        session = {"mode": mode, "set_id": set_id if mode == "题库练习" else None, "i": 0, "answers": {},
                   "started": now(), "questions": [q.model_dump() for q in questions], "done": False}
        return (json.dumps(session, ensure_ascii=False), *_show(session))

    def _show(session: dict):
        q = Question.model_validate(session["questions"][session["i"]])
        total = None if session["mode"] == "挑战答题" else len(session["questions"])
        options = [f"{LETTERS[i]}. {o}" for i, o in enumerate(q.options or [])]
        return (question_markdown(q, session["i"] + 1, total),
                gr.Radio(choices=options if q.type == "single_choice" else ["正确", "错误"], value=None,
                         visible=q.type in ("single_choice", "true_false")),
                gr.CheckboxGroup(choices=options, value=[], visible=q.type == "multiple_choice"),
                gr.Textbox(value="", visible=q.type in ("fill_blank", "short_answer"),
                           lines=4 if q.type == "short_answer" else 1),
                "", gr.Button(interactive=True), gr.Button(interactive=False))

    @guarded
    def submit(state, single, multiple, text, request: gr.Request):
        if not state:
            raise gr.Error("请先点击“开始练习”。")
        session = json.loads(state)
        if session["done"]:
            raise gr.Error("本轮练习已结束，请重新开始。")
        q = Question.model_validate(session["questions"][session["i"]])
        if q.type == "single_choice":
            if not single:
                raise gr.Error("请选择一个选项。")
            response = LETTERS.index(single[0])
        elif q.type == "multiple_choice":
            if not multiple:
                raise gr.Error("请至少选择一个选项。")
            response = [LETTERS.index(m[0]) for m in multiple]
        elif q.type == "true_false":
            if not single:
                raise gr.Error("请选择“正确”或“错误”。")
            response = single == "正确"
        else:
            response = text or ""
        ok = grade(q, response)
        session["answers"][q.id] = ok
        last = session["i"] + 1 >= len(session["questions"]) or (session["mode"] == "挑战答题" and not ok)
        message = feedback_markdown(q, ok)
        if last:
            session["done"] = True
            score = sum(session["answers"].values())
            total = len(session["answers"])
            user = _user(request)
            if user != GUEST or guests.allow(_address(request)):
                bank.record_attempt(session["set_id"], user, session["mode"], session["answers"], session["started"])
            else:
                message += "\n\n（同一网络的访客练习次数较多，本轮成绩不计入培训师的统计。）"
            summary = (f"挑战结束：连续答对 {score} 题。" if session["mode"] == "挑战答题"
                       else f"练习结束：共 {total} 题，答对 {score} 题，得分 {round(100 * score / total)} 分。")
            message += f"\n\n---\n### {summary}"
        return json.dumps(session, ensure_ascii=False), message, gr.Button(interactive=False), \
            gr.Button(interactive=not last)

    @guarded
    def next_question(state):
        if not state:
            raise gr.Error("请先点击“开始练习”。")
        session = json.loads(state)
        if session["done"] or session["i"] + 1 >= len(session["questions"]):
            raise gr.Error("本轮练习已结束，请重新开始。")
        if session["questions"][session["i"]]["id"] not in session["answers"]:
            raise gr.Error("请先提交本题的答案。")
        session["i"] += 1
        return (json.dumps(session, ensure_ascii=False), *_show(session))

    with gr.Tab("练习") as tab:
        state = gr.State("")
        with gr.Row():
            mode = gr.Radio(MODES, value="每日答题", label="练习方式",
                            info="每日答题：每天 5 题；挑战答题：答错即止")
            chosen = gr.Dropdown(label="题库（题库练习时选择）", allow_custom_value=True,
                                 choices=[(f"{s.title}（{len(s.questions)} 题）", s.id) for s in bank.list("published")])
            start_btn = gr.Button("开始练习", variant="primary")
        stem = gr.Markdown()
        single = gr.Radio(label="选择答案", visible=False)
        multiple = gr.CheckboxGroup(label="选择所有正确答案", visible=False)
        text = gr.Textbox(label="填写答案", visible=False)
        with gr.Row():
            submit_btn = gr.Button("提交", interactive=False)
            next_btn = gr.Button("下一题", interactive=False)
        feedback = gr.Markdown()

        shown = [stem, single, multiple, text, feedback, submit_btn, next_btn]
        start_btn.click(start, [mode, chosen], [state, *shown], api_name="practice_start")
        submit_btn.click(submit, [state, single, multiple, text], [state, feedback, submit_btn, next_btn],
                         api_name="practice_submit")
        next_btn.click(next_question, state, [state, *shown], api_name="practice_next")
        tab.select(set_choices, None, chosen, api_name=False)
