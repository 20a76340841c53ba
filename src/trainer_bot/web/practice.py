"""The cadre's 练习 tab: one question at a time with immediate feedback, then a final screen.

Modes: a published set (题库练习), 随机练习, 专项答题 by topic, 每日答题 (once a day for a signed-in
learner), 挑战答题 (until the first wrong answer) and the 错题本 (signed in). After 提交 the options are
shown again marked (the chosen one red or green, the right one green), with the verdict, 解析 and
出处 (document title and section) right under the question and 下一题 after them. A signed-in learner's
answers feed the 错题本 and the round gives 积分; a visitor's round only counts in the trainer's statistics.
"""

from __future__ import annotations

import html
import json
import secrets
from collections.abc import Callable
from typing import Any

import gradio as gr

from ..clock import local_day
from ..learners.progress import CHALLENGE, DAILY, REVIEW
from ..models import now
from ..quiz.bank import GUEST, QuizBank
from ..quiz.export import answer_text
from ..quiz.model import LETTERS, TYPE_LABELS, ChoiceQuestion, Question, parse_question
from ..quiz.practice import challenge_order, daily_set, grade, random_set
from .errors import Problem, guarded
from .guard import RateLimit
from .learning import Learning

SET, RANDOM, TOPIC = "题库练习", "随机练习", "专项答题"
MODES = [DAILY, CHALLENGE, TOPIC, SET, RANDOM]
SIGNED_IN_MODES = [*MODES, REVIEW]
SCROLL_TO_QUESTION = "() => { document.querySelector('#tb-stem')?.scrollIntoView({block: 'start'}); }"


def _address(request: gr.Request | None) -> str:
    client = getattr(request, "client", None)
    return getattr(client, "host", None) or "?"


def question_markdown(q: Question, n: int, total: int | None) -> str:
    where = f"第 {n} 题" + (f" / 共 {total} 题" if total else "")
    return f"**{where}（{TYPE_LABELS[q.type]}）**\n\n{q.stem}"


def option_labels(q: Question) -> list[str]:
    """The options as shown: "A. …"."""
    return [f"{LETTERS[i]}. {o}" for i, o in enumerate(q.options or [])]


def answer_inputs(q: Question | None):
    """The three answer inputs set for a question (choices shown as "A. …"), or all hidden for None."""
    if q is None:
        return gr.Radio(visible=False, value=None), gr.CheckboxGroup(visible=False, value=[]), gr.Textbox(visible=False, value="")
    options = option_labels(q)
    return (gr.Radio(choices=options if q.type == "single_choice" else ["正确", "错误"], value=None,
                     visible=q.type in ("single_choice", "true_false")),
            gr.CheckboxGroup(choices=options, value=[], visible=q.type == "multiple_choice"),
            gr.Textbox(value="", visible=q.type in ("fill_blank", "short_answer"), lines=4 if q.type == "short_answer" else 1))


def question_components(stem_id: str):
    """The stem, the three answer inputs and the feedback, laid out in the current Blocks."""
    stem = gr.Markdown(elem_id=stem_id)
    single = gr.Radio(label="选择答案", visible=False)
    multiple = gr.CheckboxGroup(label="选择所有正确答案", visible=False)
    text = gr.Textbox(label="填写答案", visible=False)
    feedback = gr.HTML(elem_classes=["tb-feedback"])
    return stem, single, multiple, text, feedback


def response_of(q: Question, single: str | None, multiple: list[str] | None, text: str | None):
    """The answer as ``grade`` takes it, from the shown inputs; a Chinese error when nothing was chosen."""
    if q.type == "single_choice":
        if not single:
            raise Problem("请选择一个选项。")
        return LETTERS.index(single[0])
    if q.type == "multiple_choice":
        if not multiple:
            raise Problem("请至少选择一个选项。")
        return [LETTERS.index(m[0]) for m in multiple]
    if q.type == "true_false":
        if not single:
            raise Problem("请选择“正确”或“错误”。")
        return single == "正确"
    return text or ""


def marked_options(q: Question, response) -> str:
    """The options again, the chosen one red or green and the right ones green (HTML)."""
    if isinstance(q, ChoiceQuestion):
        labels = option_labels(q)
        right = set(q.answer)
        chosen = set(response if isinstance(response, list) else [response])
    elif q.type == "true_false":
        labels, right, chosen = ["正确", "错误"], {0 if q.answer else 1}, {0 if response else 1}
    else:
        return f'<p class="tb-yours">您的答案：{html.escape(str(response) or "（未填）")}</p>'
    items = []
    for i, label in enumerate(labels):
        kind = "tb-right" if i in right else "tb-wrong" if i in chosen else ""
        mark = ("✓ " if i in right else "✗ " if i in chosen else "") + ("（您的选择）" if i in chosen else "")
        items.append(f'<li class="tb-opt {kind}">{html.escape(label)} <b>{mark}</b></li>')
    return f'<ul class="tb-opts">{"".join(items)}</ul>'


def feedback_html(q: Question, ok: bool, response, where: str, note: str = "") -> str:
    verdict = ('<p class="tb-verdict tb-ok">✅ 回答正确！</p>' if ok else
               f'<p class="tb-verdict tb-no">❌ 回答错误。正确答案：{html.escape(answer_text(q))}</p>')
    parts = [marked_options(q, response), verdict, f"<p><b>解析</b>：{html.escape(q.explanation or '见出处原文。')}</p>",
             f"<p><b>出处</b>：{html.escape(where)}</p><blockquote>{html.escape(q.source.quote)}</blockquote>"]
    if note:
        parts.append(f'<p class="tb-note">{html.escape(note)}</p>')
    return "".join(parts)


def wrong_list_html(wrong: list[Question], cite: Callable[[str, str], str], heading: str = "答错的题") -> str:
    """The questions got wrong, each with its answer, 解析 and 出处 (empty when there are none)."""
    if not wrong:
        return ""
    items = "".join(f"<li><p>{html.escape(q.stem)}</p><p>正确答案：{html.escape(answer_text(q))}；解析：{html.escape(q.explanation)}"
                    f"（{html.escape(cite(q.source.source, q.source.quote))}）</p></li>" for q in wrong)
    return f"<h4>{heading}（{len(wrong)} 道）</h4><ol class='tb-wrong-list'>{items}</ol>"


class PracticeTab:
    """The handlers (plain methods, callable without a server) and their layout."""

    def __init__(self, bank: QuizBank, cite: Callable[[str, str], str], topic_of: Callable[[], dict[str, str]],
                 learning: Learning | None = None, guests: RateLimit | None = None):
        """``cite``: (source, quote) → 《title》 · section; ``topic_of``: source → topic, fresh each call;
        ``guests``: how many finished rounds of signed-out visitors count in the trainer's statistics, per address."""
        self.bank = bank
        self.cite = cite
        self.topic_of = topic_of
        self.learning = learning
        self.guests = guests or RateLimit(limit=10, window=3600)

    def _user(self, request: gr.Request | None) -> str | None:
        return self.learning.learner(request) if self.learning else None

    # -- choosing what to practise -------------------------------------------------------------
    def topics(self) -> list[str]:
        topic_of = self.topic_of()
        return sorted({topic_of.get(q.source.source, "") for q in self.bank.published_questions()} - {""})

    @guarded
    def choices(self, mode: str):
        """The second choice for a mode: sets for 题库练习, topics for 专项答题."""
        if mode == SET:
            return gr.Dropdown(choices=[(f"{s.title}（{len(s.questions)} 题）", s.id) for s in self.bank.list("published")],
                               value=None, label="选择题库", visible=True)
        if mode == TOPIC:
            return gr.Dropdown(choices=self.topics(), value=None, label="选择专题", visible=True)
        return gr.Dropdown(choices=[], value=None, visible=False)

    def _questions(self, mode: str, choice: str | None, user: str | None) -> list[Question] | str:
        """The round's questions, or what to tell the learner instead."""
        pool = self.bank.published_questions()
        if mode == SET:
            if not choice:
                raise Problem("请先选择一套已发布的题库。")
            quiz = next((s for s in self.bank.list("published") if s.id == choice), None)
            if quiz is None:  # drafts are the trainer's: never practised (their answers would show)
                raise Problem("没有这套已发布的题库，请从列表中选择。")
            return quiz.questions
        if mode == TOPIC:
            if not choice:
                raise Problem("请先选择一个专题。")
            topic_of = self.topic_of()
            return random_set([q for q in pool if topic_of.get(q.source.source) == choice], 10, secrets.token_hex(4))
        if mode == DAILY:
            if user and self.learning:
                progress = self.learning.progress
                if progress.daily_done(user):
                    return (f"今日已完成每日答题，明天再来！已连续 {progress.streak(user)} 天。"
                            "可以试试挑战答题、专项答题或错题本。")
                return daily_set(pool, user, local_day(progress.clock()))
            return daily_set(pool, GUEST)
        if mode == CHALLENGE:
            return challenge_order(pool, secrets.token_hex(4))
        if mode == REVIEW:
            if not (user and self.learning):
                raise Problem("错题本需要登录：请从学员入口 /learn 登录。")
            return self.learning.progress.wrong_book(user) or "错题本是空的：练习中答错的题会收进这里，连续答对两次后移出。"
        return random_set(pool, 10, secrets.token_hex(4))

    # -- one round -----------------------------------------------------------------------------------
    @guarded
    def start(self, mode: str, choice: str | None, request: gr.Request):
        user = self._user(request)
        questions = self._questions(mode, choice, user)
        if isinstance(questions, str):
            return ("", questions, *self._hidden_inputs(), "", gr.Button(interactive=False), gr.Button(interactive=False))
        if not questions:
            raise Problem("这里还没有已发布的题目，请等培训师发布题库后再来练习。")
        session: dict[str, Any] = {"mode": mode, "set_id": choice if mode == SET else None, "i": 0, "answers": {},
                                   "started": now(), "questions": [q.model_dump() for q in questions], "done": False}
        return (json.dumps(session, ensure_ascii=False), *self._show(session))

    @staticmethod
    def _hidden_inputs():
        return answer_inputs(None)

    @staticmethod
    def _show(session: dict):
        q = parse_question(session["questions"][session["i"]])
        total = None if session["mode"] == CHALLENGE else len(session["questions"])
        return (question_markdown(q, session["i"] + 1, total), *answer_inputs(q), "", gr.Button(interactive=True),
                gr.Button(interactive=False))

    @guarded
    def submit(self, state: str, single, multiple, text, request: gr.Request):
        if not state:
            raise Problem("请先点击“开始练习”。")
        session = json.loads(state)
        if session["done"]:
            raise Problem("本轮练习已结束，请重新开始。")
        q = parse_question(session["questions"][session["i"]])
        if q.id in session["answers"]:
            raise Problem("这道题已经提交过了，请点“下一题”。")
        response = response_of(q, single, multiple, text)
        ok = grade(q, response)
        session["answers"][q.id] = ok
        user = self._user(request)
        note = self.learning.progress.mark(user, q, ok) if user and self.learning else ""
        last = session["i"] + 1 >= len(session["questions"]) or (session["mode"] == CHALLENGE and not ok)
        message = feedback_html(q, ok, response, self.cite(q.source.source, q.source.quote), note)
        if last:
            session["done"] = True
            message += self._finish(session, user, request)
        return (json.dumps(session, ensure_ascii=False), message, *self._hidden_inputs(), gr.Button(interactive=False),
                gr.Button(interactive=not last))

    def _finish(self, session: dict, user: str | None, request: gr.Request | None) -> str:
        score, total = sum(session["answers"].values()), len(session["answers"])
        mode = session["mode"]
        summary = (f"挑战结束：连续答对 {score} 题。" if mode == CHALLENGE
                   else f"练习结束：共 {total} 题，答对 {score} 题，得分 {round(100 * score / total)} 分。")
        notes = []
        if user and self.learning:
            progress = self.learning.progress
            best = progress.challenge_best(user) if mode == CHALLENGE else 0
            finished = progress.finish(user, mode, session["set_id"], session["answers"], session["started"])
            notes.append(finished.note)
            if mode == CHALLENGE:
                notes.append("新纪录！" if score > best else f"最好成绩：连续答对 {best} 题。")
            if mode == DAILY and finished.recorded:
                notes.append(f"今日每日答题完成，已连续 {progress.streak(user)} 天。明天再来！")
        elif user is None and not self.guests.allow(_address(request)):
            notes.append("（同一网络的访客练习次数较多，本轮成绩不计入培训师的统计。）")
        else:
            self.bank.record_attempt(session["set_id"], user or GUEST, mode, session["answers"], session["started"])
        extra = "".join(f"<p>{html.escape(n)}</p>" for n in notes if n)
        wrong = [parse_question(q) for q in session["questions"] if session["answers"].get(q["id"]) is False]
        return f"<hr><h3 class='tb-summary'>{summary}</h3>{extra}{wrong_list_html(wrong, self.cite)}"

    @guarded
    def next_question(self, state: str):
        if not state:
            raise Problem("请先点击“开始练习”。")
        session = json.loads(state)
        if session["done"] or session["i"] + 1 >= len(session["questions"]):
            raise Problem("本轮练习已结束，请重新开始。")
        if session["questions"][session["i"]]["id"] not in session["answers"]:
            raise Problem("请先提交本题的答案。")
        session["i"] += 1
        return (json.dumps(session, ensure_ascii=False), *self._show(session))

    # -- layout ------------------------------------------------------------------------------------
    def build(self, signed_in: bool = False) -> gr.Tab:
        modes = SIGNED_IN_MODES if signed_in else MODES
        with gr.Tab("练习") as tab:
            state = gr.State("")
            with gr.Row(equal_height=True):
                mode = gr.Radio(modes, value=DAILY, label="练习方式", scale=3,
                                info="每日答题：每天 5 题；挑战答题：答错即止" + ("；错题本：连续答对两次移出" if signed_in else ""))
                chosen = gr.Dropdown(label="选择题库", allow_custom_value=True, visible=False, scale=2)
                start_btn = gr.Button("开始练习", variant="primary", scale=1)
            stem, single, multiple, text, feedback = question_components("tb-stem")
            with gr.Row():
                submit_btn = gr.Button("提交", interactive=False, variant="primary")
                next_btn = gr.Button("下一题", interactive=False)

        shown = [stem, single, multiple, text, feedback, submit_btn, next_btn]
        mode.change(self.choices, mode, chosen, api_visibility="private")
        start_btn.click(self.start, [mode, chosen], [state, *shown], api_name="practice_start")
        submit_btn.click(self.submit, [state, single, multiple, text], [state, feedback, single, multiple, text, submit_btn,
                                                                         next_btn], api_name="practice_submit") \
            .then(None, None, None, js=SCROLL_TO_QUESTION)
        next_btn.click(self.next_question, state, [state, *shown], api_name="practice_next") \
            .then(None, None, None, js=SCROLL_TO_QUESTION)
        tab.select(self.choices, mode, chosen, api_visibility="private")
        return tab
