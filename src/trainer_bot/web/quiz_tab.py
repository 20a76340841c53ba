"""The trainer's 出题 tab: generate with progress, edit in place, save, publish, export; see results."""

from __future__ import annotations

import re
import time
from pathlib import Path

import gradio as gr

from ..bot import TrainerBot
from ..clock import chinese_time
from ..quiz.bank import QuizBank
from ..quiz.export import FORMATS, XLSX_HEADER, export_quiz, quiz_rows
from ..quiz.generate import generate_quiz
from ..quiz.model import TYPE_LABELS, TYPES, QuizSet
from ..users import UserStore
from .errors import Problem, guarded
from .quiz_editor import ANSWER_HINT, OVERVIEW_HEADERS, QuizEditor, set_problems, table_rows

TYPE_CHOICES = [(TYPE_LABELS[t], t) for t in TYPES]
FORMAT_LABELS = {"docx": "Word 试卷（另附答案解析）", "xlsx": "Excel 题库", "moodle-xml": "Moodle XML",
                 "gift": "GIFT（Moodle 导入）", "md": "Markdown 文本", "json": "JSON（数据交换）"}
CANCEL = "__cancel__"


def confirm_js(what: str) -> str:
    """Asks before a delete; on 取消 the handler receives ``CANCEL`` and does nothing."""
    return (f"(x) => (x && !window.confirm('确定要删除{what}“' + x + '”吗？删除后不能恢复。')) ? '{CANCEL}' : x")


def export_name(title: str) -> str:
    """A file name after the set: its title (unsafe characters replaced) and the time."""
    name = re.sub(r"[^\w\-\u4e00-\u9fff（）()]", "_", title).strip("._") or "题库"
    return f"{name[:60]}-{time.strftime('%Y%m%d-%H%M')}"
SET_HEADERS = ["编号", "标题", "状态", "题数", "作者", "更新时间"]
STAT_HEADERS = ["题干", "作答次数", "答对次数", "正确率", "其中访客作答"]


def set_rows(bank: QuizBank) -> list[list]:
    return [[s.id, s.title, "已发布" if s.status == "published" else "草稿", len(s.questions), s.author, chinese_time(s.updated)]
            for s in bank.list()]


def build_quiz_tab(bot: TrainerBot, bank: QuizBank, users: UserStore, export_dir: Path, require):
    """Lay out the tab inside the current Blocks; returns (refresh handler, its outputs) for ``demo.load``."""
    editor = QuizEditor(bot.source_texts)

    @guarded
    def choices():
        return gr.Dropdown(choices=[s.source for s in bot.sources()])

    @guarded
    def set_choices():
        return gr.Dropdown(choices=[(f"{s.title}（{s.id}）", s.id) for s in bank.list()], value=None)

    @guarded
    def generate(sources, topic, types, count, title, request: gr.Request, progress=gr.Progress()):
        require(users, request)
        if not types:
            raise Problem("请至少选择一种题型。")
        report = generate_quiz(bot, int(count), types, sources or [], (topic or "").strip() or None,
                               (title or "").strip() or None,
                               progress=lambda d, t, n: progress((d, t), desc=f"已生成 {d} 道", unit="道"))
        quiz = report.quiz.model_copy(update={"author": request.username})
        dropped = "；".join(f"{r} {n} 道" for r, n in report.dropped.most_common())
        message = report.message + (f"（淘汰原因：{dropped}）" if dropped else "")
        return message, quiz_rows(quiz), quiz.model_dump_json(), None

    @guarded
    def save(table, state, title, request: gr.Request):
        require(users, request)
        if not state:
            raise Problem("请先生成或打开一套题。")
        quiz = QuizSet.model_validate_json(state)
        questions, problems, advice = set_problems(table_rows(table), editor)
        if problems:
            raise Problem("以下题目未通过校验，请修改后再保存（题目一览的“校验”列也标出了问题）："
                          + "；".join(problems[:8]))
        saved = bank.save(quiz.model_copy(update={"questions": questions, "title": (title or "").strip() or quiz.title}))
        hint = f" 建议修改：{'；'.join(advice[:5])}" if advice else ""
        return f"已保存：{saved.title}（编号 {saved.id}，{len(questions)} 题，{'已发布' if saved.status == 'published' else '草稿'}）{hint}", \
            saved.model_dump_json(), set_rows(bank), set_choices()

    @guarded
    def open_set(set_id, request: gr.Request):
        require(users, request)
        if not set_id:
            raise Problem("请先选择题库。")
        quiz = bank.get(set_id)
        stats = [[s.stem, s.attempts, s.correct, "—" if s.rate is None else f"{s.rate:.0%}", s.guests]
                 for s in bank.question_stats(set_id)]
        return quiz_rows(quiz), quiz.model_dump_json(), quiz.title, stats

    @guarded
    def publish(state, request: gr.Request):
        require(users, request)
        quiz = _saved(state)
        published = bank.publish(quiz.id)
        return f"已发布：{published.title}，学员可在“练习”中作答。", published.model_dump_json(), set_rows(bank)

    @guarded
    def delete(set_id, request: gr.Request):
        require(users, request)
        if set_id == CANCEL:
            return "已取消删除。", set_rows(bank), gr.update()
        if not set_id:
            raise Problem("请先选择题库。")
        title = bank.get(set_id).title
        bank.delete(set_id)
        return f"已删除题库“{title}”（{set_id}）", set_rows(bank), set_choices()

    @guarded
    def export(state, fmt, request: gr.Request):
        require(users, request)
        quiz = QuizSet.model_validate_json(state) if state else None
        if quiz is None:
            raise Problem("请先生成或打开一套题。")
        export_dir.mkdir(parents=True, exist_ok=True)
        suffix = {"moodle-xml": "xml"}.get(fmt, fmt)
        paths = export_quiz(quiz, fmt, export_dir / f"{export_name(quiz.title)}.{suffix}")
        return [str(p) for p in paths]

    def _saved(state) -> QuizSet:
        quiz = QuizSet.model_validate_json(state) if state else None
        if quiz is None or not quiz.id:
            raise Problem("请先保存这套题，再发布。")
        return quiz

    with gr.Tab("出题"):
        state = gr.State("")
        with gr.Row():
            sources = gr.Dropdown(label="材料（可多选，不选则用全部材料）", multiselect=True,
                                  choices=[s.source for s in bot.sources()], allow_custom_value=True)
            topic = gr.Textbox(label="主题（可选，按主题检索材料）", placeholder="例如：网格化管理")
        with gr.Row():
            types = gr.CheckboxGroup(TYPE_CHOICES, value=list(TYPES[:4]), label="题型")
            count = gr.Slider(1, 50, value=10, step=1, label="题量")
            title = gr.Textbox(label="题库标题（可选）")
        generate_btn = gr.Button("生成题目", variant="primary")
        status = gr.Markdown()
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                overview = gr.Dataframe(headers=OVERVIEW_HEADERS, interactive=False, wrap=True, elem_id="tb-overview",
                                        label="题目一览（点一行，在右侧编辑这道题）",
                                        column_widths=["9%", "11%", "50%", "10%", "20%"])
            with gr.Column(scale=2, elem_id="tb-item-editor"):
                number = gr.Dropdown(label="编辑第几题", choices=[], interactive=True)
                e_type = gr.Dropdown([TYPE_LABELS[t] for t in TYPES], label="题型", value=TYPE_LABELS["single_choice"])
                e_stem = gr.Textbox(label="题干（选择题、填空题用（ ）表示空位）", lines=3)
                e_options = gr.Textbox(label="选项（每行一个，不用写 A. B.）", lines=4)
                e_answer = gr.Textbox(label="答案", placeholder=ANSWER_HINT)
                e_explanation = gr.Textbox(label="解析", lines=3)
                e_source = gr.Dropdown(label="出处（材料）", choices=[s.source for s in bot.sources()],
                                       allow_custom_value=True)
                e_quote = gr.Textbox(label="出处原文（须与材料原文一字不差）", lines=3)
                with gr.Row():
                    apply_btn = gr.Button("应用修改", variant="primary")
                    add_btn = gr.Button("新增一题")
                    remove_btn = gr.Button("删除本题")
                item_check = gr.Markdown(elem_id="tb-item-check")
        with gr.Accordion("表格方式编辑全部题目（可从 Excel 整块粘贴）", open=False):
            table = gr.Dataframe(headers=XLSX_HEADER, label="题目（答案写 A/ABD、正确/错误，填空多个答案用｜分隔）",
                                 interactive=True, wrap=True, column_count=len(XLSX_HEADER))
        with gr.Row():
            save_btn = gr.Button("保存")
            publish_btn = gr.Button("发布")
            fmt = gr.Dropdown([(FORMAT_LABELS.get(f, f), f) for f in FORMATS], value="docx", label="导出格式")
            export_btn = gr.Button("导出")
        files = gr.File(label="下载", file_count="multiple", interactive=False)
        gr.Markdown("#### 题库与作答情况")
        with gr.Row():
            chosen = gr.Dropdown(label="选择题库", choices=[(f"{s.title}（{s.id}）", s.id) for s in bank.list()],
                                 allow_custom_value=True)
            open_btn = gr.Button("打开")
            delete_btn = gr.Button("删除题库", variant="stop")
        sets = gr.Dataframe(headers=SET_HEADERS, interactive=False, label="题库")
        stats = gr.Dataframe(headers=STAT_HEADERS, interactive=False, label="每题正确率（选择题库即显示）", wrap=True)

        generate_btn.click(generate, [sources, topic, types, count, title], [status, table, state, files],
                           api_name="quiz_generate")
        save_btn.click(save, [table, state, title], [status, state, sets, chosen], api_name="quiz_save")
        publish_btn.click(publish, state, [status, state, sets], api_name="quiz_publish")
        export_btn.click(export, [state, fmt], files, api_name="quiz_export")
        open_btn.click(open_set, chosen, [table, state, title, stats], api_name="quiz_open")
        chosen.input(open_set, chosen, [table, state, title, stats], api_visibility="private")  # the set and its results at once
        delete_btn.click(delete, chosen, [status, sets, chosen], api_name="quiz_delete", js=confirm_js("题库"))
        fields = [e_type, e_stem, e_options, e_answer, e_explanation, e_source, e_quote]
        table.change(guarded(editor.overview), table, [overview, number], api_visibility="private")
        overview.select(guarded(editor.pick), table, [number, *fields, item_check], api_visibility="private")
        number.input(guarded(editor.load), [table, number], [*fields, item_check], api_visibility="private")
        apply_btn.click(guarded(editor.apply), [table, number, *fields], [table, item_check], api_name="quiz_edit")
        add_btn.click(guarded(editor.add), table, [table, number, *fields, item_check], api_visibility="private")
        remove_btn.click(guarded(editor.remove), [table, number], [table, number, *fields, item_check], api_visibility="private")

    @guarded
    def refresh(request: gr.Request):
        require(users, request)
        return choices(), set_choices(), set_rows(bank)

    return refresh, [sources, chosen, sets]
