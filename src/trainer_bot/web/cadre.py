"""The cadre app: chat with streamed, cited answers, and quiz practice.

Served twice: open at ``/`` (a visitor's practice is not kept) and behind a sign-in at ``/learn``,
where a learner also has 班级任务 and 我的学习, and practice builds a record (``learners/``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator

import gradio as gr

from ..bot import TrainerBot
from ..condense import Turn
from ..models import Answer
from ..tokenizer import load_glossary, longest_first
from ..questionlog import QuestionLog
from ..quiz.bank import GUEST, QuizBank
from .format import chat_markdown, strip_sources
from .errors import Problem, guarded
from .learning import Learning
from .practice import PracticeTab
from .tasks import RecordTab, TasksTab

MAX_QUESTION_CHARS = 500
# what a follow-up is read with: the latest turns only, each cut to a bound (history comes from the client)
MAX_HISTORY_TURNS = 6
MAX_TURN_CHARS = 2000
# the offline engine has every sentence at once: shown one by one, a beat apart, the answer visibly streams (an
# LLM's pieces come at their own pace and are not held back unless two sentences end within one beat)
SENTENCE_BEAT = 0.08
_SENTENCE_END = re.compile(r"[。！？；\n]\s*$")
INTRO = ("### 基层干部培训助手\n"
         "我只根据培训材料回答问题，每句话都标注出处，点开下方“来源”可查看原文。材料里没有的内容，我会直接告诉您。")


def _text(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    if isinstance(content, dict):
        return str(content.get("text", ""))
    return str(content or "")


def to_turns(history: list) -> list[Turn]:
    """The conversation as the condenser reads it: the last ``MAX_HISTORY_TURNS`` turns, each bounded in
    length (the client sends the history, so a forged megabyte turn must not cost a megabyte of work)."""
    turns = []
    for message in (history or [])[-MAX_HISTORY_TURNS:] if isinstance(history, list) else []:
        role = message.get("role") if isinstance(message, dict) else None
        if role in ("user", "assistant"):
            content = _text(message.get("content"))[:4 * MAX_TURN_CHARS]
            content = strip_sources(content) if role == "assistant" else content
            turns.append(Turn(role, content[:MAX_QUESTION_CHARS if role == "user" else MAX_TURN_CHARS]))
    return turns


def example_questions(bot: TrainerBot, limit: int = 4) -> list[str]:
    """“什么是X？” for glossary terms that title the indexed material, one per topic."""
    terms = longest_first(load_glossary())
    seen_topics: set[str] = set()
    examples: list[str] = []
    for source in bot.sources():
        term = next((t for t in terms if t in source.title), None)
        if term and source.topic not in seen_topics:
            seen_topics.add(source.topic)
            examples.append(f"什么是{term}？")
        if len(examples) >= limit:
            break
    return examples


def paced(items: Iterable[str | Answer], beat: float = SENTENCE_BEAT) -> Iterator[str | Answer]:
    """The pieces of an answer with at least ``beat`` seconds between two sentence ends."""
    last = float("-inf")
    for item in items:
        if isinstance(item, str) and _SENTENCE_END.search(item):
            wait = last + beat - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            last = time.monotonic()
        yield item


FEEDBACK = ("Like", "Dislike", "答非所问", "内容不准确", "出处不对")  # the first two render as 👍/👎, the others under a flag


def _user(request: gr.Request | None) -> str:
    return getattr(request, "username", None) or GUEST


def make_respond(bot: TrainerBot, log: QuestionLog | None = None):
    @guarded
    def respond(message: str, history: list, request: gr.Request):
        question = (message or "").strip()
        if not question:
            raise Problem("请输入问题。")
        if len(question) > MAX_QUESTION_CHARS:
            raise Problem(f"问题太长了（{len(question)} 字），请精简到 {MAX_QUESTION_CHARS} 字以内。")
        partial = ""
        for item in paced(bot.stream(question, to_turns(history))):
            if isinstance(item, Answer):
                if log is not None:  # kept for the trainer's 问答记录 (and a learner's count of questions asked)
                    log.record(_user(request), question, item)
                yield chat_markdown(item)
            else:
                partial += item
                yield partial

    return respond


def make_rate(log: QuestionLog):
    """👍/👎 (or a reason under the flag) on an answer: kept with the logged question it answers."""
    @guarded
    def rate(history: list, data: gr.LikeData, request: gr.Request):
        index = data.index if isinstance(data.index, int) else data.index[0]
        messages = history[:index] if isinstance(history, list) else []
        question = next((_text(m.get("content")) for m in reversed(messages)
                         if isinstance(m, dict) and m.get("role") == "user"), "")
        liked = data.liked is True or data.liked == "Like"
        reason = data.liked if isinstance(data.liked, str) and data.liked not in ("Like", "Dislike") else ""
        if question and log.rate(_user(request), question.strip(), liked, reason):
            gr.Info("谢谢您的反馈，培训师会据此改进材料。")

    return rate


def build_cadre(bot: TrainerBot, bank: QuizBank, learning: Learning | None = None, signed_in: bool = False,
                log: QuestionLog | None = None) -> gr.Blocks:
    """``signed_in``: the app is behind a sign-in (``/learn``) and shows the learner's own tabs;
    ``log``: where questions, answers and 👍/👎 are kept (None: nowhere)."""
    with gr.Blocks(title="基层干部培训助手") as demo:
        greeting = gr.Markdown()
        if learning is not None:
            @guarded
            def greet(request: gr.Request) -> str:
                return learning.greeting(getattr(request, "username", None))

            demo.load(greet, None, greeting, api_visibility="private")
        with gr.Tab("问答"):
            gr.Markdown(INTRO)
            chatbot = gr.Chatbot(label="对话", height=520, buttons=["copy"], placeholder="请输入您想了解的基层治理问题",
                                 elem_id="tb-chat",
                                 feedback_options=FEEDBACK if log is not None and log.enabled else None)
            gr.ChatInterface(
                make_respond(bot, log),
                chatbot=chatbot,
                textbox=gr.Textbox(placeholder="例如：村里两户因宅基地起了纠纷，该怎么调解？", submit_btn="发送",
                                   stop_btn="停止", show_label=False, label="您的问题"),
                examples=example_questions(bot) or None,
                api_name="chat",
                concurrency_limit=8,
                autofocus=True,
            )
            if log is not None and log.enabled:
                chatbot.like(make_rate(log), chatbot, None, api_name="rate")
        PracticeTab(bank, bot.cite, bot.topic_map, learning).build(signed_in)
        if signed_in and learning is not None:
            TasksTab(learning, bot.cite).build()
            RecordTab(learning).build(demo)
    return demo
