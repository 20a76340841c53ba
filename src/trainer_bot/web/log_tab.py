"""The trainer's 问答记录 tab: what cadres asked (searchable, by day), 知识缺口 (refused questions grouped by
meaning), the answers marked 👎, a logged question turned into an eval case, and 命中测试 (the ranked passages
and the gate's decision for any question)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import gradio as gr

from ..bot import TrainerBot
from ..clock import chinese_time
from ..questionlog import QuestionLog
from ..users import UserStore
from .errors import Problem, guarded

LOG_HEADERS = ["编号", "时间", "提问人", "问题", "拒答", "评价", "出处"]
GAP_HEADERS = ["问题（代表）", "被拒答次数", "同类问法"]
HIT_HEADERS = ["排名", "材料", "小节", "综合得分", "语义相似度", "关键词得分", "片段"]
KINDS = {"全部": "", "拒答": "refused", "👎 不满意": "disliked", "👍 满意": "liked"}


def suite_path(folder: Path, name: str) -> Path:
    name = re.sub(r"[^\w\-\u4e00-\u9fff]", "_", (name or "").strip()) or "问答记录"
    return folder / f"{name}.jsonl"


def add_case(folder: Path, suite: str, entry_question: str, entry_id: int, source: str | None, should_refuse: bool,
             keywords: str) -> Path:
    """Append one C3 case to the trainer's suite (created if new); its id is unique in the file."""
    path = suite_path(folder, suite)
    path.parent.mkdir(parents=True, exist_ok=True)
    ids = set()
    if path.is_file():
        ids = {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    case_id, n = f"log-{entry_id}", 2
    while case_id in ids:
        case_id, n = f"log-{entry_id}-{n}", n + 1
    case = {"id": case_id, "question": entry_question,
            "expected_sources": [] if should_refuse or not source else [source],
            "expected_keywords": [k for k in re.split(r"[,，、\s]+", keywords or "") if k],
            "should_refuse": bool(should_refuse), "tags": ["问答记录"]}
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(case, ensure_ascii=False) + "\n")
    return path


class LogTab:
    def __init__(self, bot: TrainerBot, log: QuestionLog, users: UserStore, suites: Path, require):
        self.bot = bot
        self.log = log
        self.users = users
        self.suites = suites
        self.require = require

    @guarded
    def search(self, text: str, day: str | None, kind: str, request: gr.Request):
        self.require(self.users, request)
        chosen = date.fromisoformat(day) if day else None
        rows = [[q.id, chinese_time(q.at), q.user, q.question, "是" if q.refused else "", {1: "👍", -1: "👎"}.get(q.rating or 0, "")
                 + (f" {q.reason}" if q.reason else ""), "、".join(q.sources)]
                for q in self.log.search(text or "", chosen, KINDS.get(kind, ""))]
        note = "" if self.log.enabled else "（问答记录已关闭：TRAINER_BOT_LOG_QUESTIONS=false）"
        days = [d.isoformat() for d in self.log.days()]
        return f"共 {len(rows)} 条{note}", rows, gr.Dropdown(choices=["", *days], value=day or "")

    @guarded
    def gaps(self, request: gr.Request):
        self.require(self.users, request)
        found = self.log.gaps(self.bot.embed_questions)
        rows = [[g.question, g.count, "；".join(g.examples[:8])] for g in found]
        return (f"{len(found)} 个知识缺口（被拒答、材料里没有的问题，按意思归类）：可据此补充材料。" if found
                else "暂无被拒答的问题。"), rows

    @guarded
    def pick(self, entry_id, request: gr.Request):
        """The logged question, and its cited sources as the likely expected source."""
        self.require(self.users, request)
        entry = self.log.get(int(entry_id)) if entry_id else None
        if entry is None:
            raise Problem("没有这个编号的问答记录，请从上方表格中选一个编号。")
        return entry.question, gr.Dropdown(choices=[s.source for s in self.bot.sources()],
                                           value=entry.sources[0] if entry.sources else None), entry.refused

    @guarded
    def to_case(self, entry_id, suite: str, source: str | None, should_refuse: bool, keywords: str, request: gr.Request):
        self.require(self.users, request)
        entry = self.log.get(int(entry_id)) if entry_id else None
        if entry is None:
            raise Problem("没有这个编号的问答记录，请从上方表格中选一个编号。")
        if not should_refuse and not source:
            raise Problem("请选择这个问题应当引用的材料；材料里确实没有的，请勾选“应当拒答”。")
        if source and source not in {s.source for s in self.bot.sources()}:
            raise Problem(f"没有这份材料：{source}")
        path = add_case(self.suites, suite, entry.question, entry.id, source, should_refuse, keywords)
        return f"✅ 已加入评测集 {path.name}（在“评测”页运行，或 `trainer-bot eval run {path}`）。"

    @guarded
    def hit_test(self, question: str, request: gr.Request):
        self.require(self.users, request)
        question = (question or "").strip()
        if not question:
            raise Problem("请输入要测试的问题。")
        found = self.bot.retrieve(question[:500])
        gate = found.gate
        verdict = "✅ 判定材料能回答" if gate.covered else "⛔ 判定材料不能回答（将拒答）"
        reasons = f"；理由：{gate.reason}" if gate.reason else ""
        rows = [[n, f"《{p.chunk.title}》（{p.chunk.source}）", " > ".join(p.chunk.heading_path[1:]) or "—", round(p.score, 3),
                 round(p.dense, 3) if p.dense is not None else "—", round(p.bm25, 2) if p.bm25 is not None else "—",
                 p.chunk.text[:120] + ("…" if len(p.chunk.text) > 120 else "")] for n, p in enumerate(found.passages, 1)]
        return f"{verdict}（可回答概率 {gate.probability:.2f}{reasons}）", rows

    def build(self):
        with gr.Tab("问答记录"):
            with gr.Row():
                text = gr.Textbox(label="搜索问题或回答", scale=3)
                day = gr.Dropdown(label="日期", choices=[""], value="", allow_custom_value=True, scale=1)
                kind = gr.Radio(list(KINDS), value="全部", label="筛选", scale=2)
                search_btn = gr.Button("查询", variant="primary", scale=1)
            found = gr.Markdown()
            table = gr.Dataframe(headers=LOG_HEADERS, label="问答记录（最新在前）", interactive=False, wrap=True)
            with gr.Accordion("知识缺口：材料没有覆盖、被拒答的问题", open=True):
                gaps_btn = gr.Button("归类被拒答的问题")
                gaps_note = gr.Markdown()
                gaps = gr.Dataframe(headers=GAP_HEADERS, interactive=False, wrap=True)
            with gr.Accordion("把一条问答记录加入评测集", open=False):
                with gr.Row():
                    entry = gr.Number(label="记录编号", precision=0)
                    suite = gr.Textbox(label="评测集名称", value="问答记录")
                    source = gr.Dropdown(label="应当引用的材料", allow_custom_value=True)
                    refuse = gr.Checkbox(label="应当拒答（材料里没有）")
                question = gr.Markdown()
                keywords = gr.Textbox(label="答案应包含的关键词（用逗号或空格分隔，可不填）")
                case_btn = gr.Button("加入评测集", variant="primary")
                case_note = gr.Markdown()
            with gr.Accordion("命中测试：看一个问题检索到哪些片段、会不会被拒答", open=False):
                with gr.Row():
                    probe = gr.Textbox(label="问题", scale=4)
                    probe_btn = gr.Button("测试", variant="primary", scale=1)
                verdict = gr.Markdown()
                hits = gr.Dataframe(headers=HIT_HEADERS, interactive=False, wrap=True)
        search_btn.click(self.search, [text, day, kind], [found, table, day], api_name="log_search")
        gaps_btn.click(self.gaps, None, [gaps_note, gaps], api_name="log_gaps")
        entry.change(self.pick, entry, [question, source, refuse], api_visibility="private")
        case_btn.click(self.to_case, [entry, suite, source, refuse, keywords], case_note, api_name="log_to_case")
        probe_btn.click(self.hit_test, probe, [verdict, hits], api_name="hit_test")
