"""The trainer app (``/trainer``, behind login): material, quiz authoring and results, evals.

Every handler re-checks on the server that the caller is a logged-in trainer, so
calling the API endpoints without a login fails even if the mount's auth were bypassed.
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import gradio as gr

from ..bot import TrainerBot
from ..load import SUPPORTED
from ..models import STATUSES, Validity, chinese_date
from ..resources import bundled_dir
from ..settings import Settings
from ..questionlog import QuestionLog
from ..quiz.bank import QuizBank
from ..uploads import RemovedSources, UploadStore
from ..validity import ValidityStore, checked
from ..users import UserStore
from .classes_tab import ClassesTab
from .learning import Learning
from .log_tab import LogTab
from .quiz_tab import CANCEL, build_quiz_tab, confirm_js
from .errors import Problem, guarded

HEADERS = ["材料", "标题", "主题", "段数", "状态", "施行日期", "依据"]


def require_trainer(users: UserStore, request: gr.Request | None) -> str:
    name = getattr(request, "username", None) if request is not None else None
    if not name or users.role(name) != "trainer":
        raise Problem("需要培训师登录后才能进行此操作。")
    return name


def safe_name(name: str) -> str:
    name = Path(name).name
    name = re.sub(r"[^\w.\-\u4e00-\u9fff]", "_", name).lstrip("._")  # a leading _ or . would be skipped on re-index
    return name or "upload"


def sources_table(bot: TrainerBot) -> list[list]:
    """One row per source; its topic from a trainer, its front matter, else its folder."""
    topics = bot.topic_map()
    return [[s.source, s.title, topics.get(s.source, s.topic), s.chunks, s.validity.status or "未注明", chinese_date(s.validity.effective),
             s.validity.basis] for s in bot.sources()]


def _material(bot: TrainerBot) -> tuple[list[list], gr.Dropdown]:
    """The material table and the choice of material, fresh."""
    rows = sources_table(bot)
    return rows, gr.Dropdown(choices=[r[0] for r in rows], value=None)


OWN = "自建："  # how the trainer's own suites (问答记录 → 加入评测集) are named in the choice


def suite_files(own: Path | None = None) -> dict[str, Path]:
    """The suites a trainer can run: the bundled ones by file name, then the trainer's own as 自建：NAME."""
    from ..evaluate.quiz_suite import is_quiz_suite

    found: dict[str, Path] = {}
    folder = bundled_dir("evals")
    if folder.is_dir():
        found |= {p.name: p for p in sorted(folder.iterdir()) if p.suffix == ".jsonl" or is_quiz_suite(p)}
    if own is not None and own.is_dir():
        found |= {OWN + p.name: p for p in sorted(own.glob("*.jsonl"))}
    return found


def build_trainer(bot: TrainerBot, users: UserStore, settings: Settings, bank: QuizBank,
                  uploads: UploadStore, statuses: ValidityStore, learning: Learning, log: QuestionLog) -> gr.Blocks:
    limit = settings.max_upload_mb * 1024 * 1024
    removed = RemovedSources(uploads.db)

    @guarded
    def refresh(request: gr.Request):
        require_trainer(users, request)
        return _material(bot)

    @guarded
    def upload(files, replace: bool, topic: str | None = None, request: gr.Request | None = None, progress=gr.Progress()):
        trainer = require_trainer(users, request)
        if not files:
            raise Problem("请先选择要上传的文件。")
        lines: list[str] = []
        existing = {s.source for s in bot.sources()} | {u.name for u in uploads.list()}
        with tempfile.TemporaryDirectory(prefix="trainer-bot-upload-") as tmp:
            accepted: list[Path] = []
            for file in files:
                path = Path(file if isinstance(file, str) else file.name)
                name = safe_name(getattr(file, "orig_name", None) or path.name)
                if name in existing and not replace:
                    lines.append(f"⚠️ {name}：已有同名材料，本次未导入。确认要替换，请勾选“替换同名材料”后再导入。")
                elif path.suffix.lower() not in SUPPORTED:
                    lines.append(f"❌ {name}：不支持的文件类型，只接受 md、txt、html、pdf、docx。")
                elif path.stat().st_size > limit:
                    lines.append(f"❌ {name}：文件超过 {settings.max_upload_mb} MB 上限。")
                else:
                    target = Path(tmp) / name
                    target.write_bytes(path.read_bytes())
                    accepted.append(target)
            if accepted:  # one ingest run for all chosen files: one embedding pass, one index rebuild
                report = bot.ingest(accepted, progress=lambda d, t, n: progress((d, max(t, 1)), unit="份",
                                                                              desc=f"正在导入 {n}" if n else "完成"),
                                    isolate=True)  # untrusted bytes are parsed in a child process with limits
                topic = (topic or "").strip()
                for r in report.results:
                    label = {"added": "✅ 已导入", "updated": "✅ 已更新", "unchanged": "➖ 内容未变"}.get(r.status)
                    note = f"，主题：{topic}" if label and topic else ""
                    lines.append(f"{label} {r.source}（{r.chunks} 段{note}）" if label else f"❌ {r.error}")
                    if label:  # kept for 重建索引 on any replica; a file that failed to import is not kept
                        uploads.put(r.source, Path(r.path).read_bytes(), trainer)
                        if topic:  # the trainer's topic for this upload, kept through re-index
                            statuses.set_topic(r.source, topic, trainer)
                statuses.apply(bot)  # a re-uploaded file keeps the status and topic a trainer set for it
        return "\n".join(lines), *_material(bot)

    @guarded
    def delete(source: str | None, request: gr.Request):
        trainer = require_trainer(users, request)
        if source == CANCEL:
            return "已取消删除。", *_material(bot)
        if not source:
            raise Problem("请先选择要删除的材料。")
        kept = uploads.remove(source)
        if source not in {s.source for s in bot.sources()}:
            if kept:
                return f"已删除 {source}（未建立索引的上传文件）", *_material(bot)
            raise Problem(f"没有这份材料：{source}")
        count = bot.remove(source)
        bundled = (settings.library_dir / source).is_file() and not kept
        if bundled:  # a bundled document deleted on purpose stays deleted through 重建索引
            removed.add(source, trainer)
        note = "；这是内置材料，重建索引时也不会再加回" if bundled else ""
        return f"已删除 {source}（{count} 段）{note}", *_material(bot)

    @guarded
    def pick(source: str | None):
        """The status fields of the chosen material, to edit."""
        info = next((s.validity for s in bot.sources() if s.source == source), Validity())
        return (info.status or "未注明", info.effective, info.basis, info.basis_date, info.superseded_by,
                bot.topic_map().get(source or "", ""))

    @guarded
    def set_status(source: str | None, status: str, effective: str, basis: str, basis_date: str, superseded_by: str,
                   topic: str | None = None, request: gr.Request | None = None):
        trainer = require_trainer(users, request)
        if not source or source not in {s.source for s in bot.sources()}:
            raise Problem("请先在“选择材料”中选一份已导入的材料。")
        validity = checked("" if status == "未注明" else status, effective, basis, basis_date, superseded_by)
        statuses.set(source, validity, trainer)
        bot.set_validity(source, validity)
        topic = (topic or "").strip()
        if topic and topic != bot.topic_map().get(source):
            statuses.set_topic(source, topic, trainer)
            bot.set_topic(source, topic)
        note = "；旧版材料不再用于回答，除非问题问的是过去的规定" if validity.outdated else ""
        shown = f"，主题：{topic}" if topic else ""
        return f"已保存 {source} 的状态：{validity.line() or '未注明'}{shown}{note}。", *_material(bot)

    @guarded
    def reindex(request: gr.Request, progress=gr.Progress()):
        require_trainer(users, request)
        with tempfile.TemporaryDirectory(prefix="trainer-bot-reindex-") as tmp:
            uploads.materialise(Path(tmp))
            folders = [p for p in (settings.library_dir, Path(tmp)) if p.is_dir()]
            skipped = removed.all()
            report = bot.ingest(folders, progress=lambda d, t, n: progress((d, max(t, 1)), desc=n or "完成", unit="份"),
                                skip=skipped)
        statuses.apply(bot)
        bot.warm_up()
        note = f"（删除过的 {len(skipped)} 份内置材料没有加回）" if skipped else ""
        return f"重建完成：{report.summary()}{note}", *_material(bot)

    @guarded
    def run_eval(suite_name: str | None, request: gr.Request, progress=gr.Progress()):
        require_trainer(users, request)
        from ..evaluate.orchestrate import load_any_suite, run_loaded

        suites = suite_files(settings.eval_suites_dir)
        if suite_name not in suites:
            raise Problem("请先选择一个评测集。")
        suite = load_any_suite(suites[suite_name])
        suite.material = []  # evaluate the live knowledge base as it is
        run = run_loaded(bot, suite, lambda d, t, n: progress((d, t), desc=n or "完成", unit="个用例"))
        stamp = time.strftime("%Y%m%d-%H%M%S")
        json_path = settings.eval_runs_dir / f"{suite.name}-{stamp}.json"
        html_path = settings.eval_runs_dir / f"{suite.name}-{stamp}.html"
        run.write(json_path, html_path)
        summary = run.summary()
        return summary, [str(json_path), str(html_path)]

    with gr.Blocks(title="培训师工作台 - 基层干部培训助手") as demo:
        gr.Markdown("### 培训师工作台")
        with gr.Tab("材料"):
            with gr.Row():
                with gr.Column(scale=2):
                    files = gr.File(label=f"上传材料（md、txt、html、pdf、docx，每个不超过 {settings.max_upload_mb} MB）",
                                    file_count="multiple", file_types=sorted(SUPPORTED))
                    with gr.Row():
                        replace = gr.Checkbox(label="替换同名材料", value=False)
                        upload_topic = gr.Textbox(label="主题（可选）", value="", placeholder="例如：网格化管理；填写后用于本次上传的全部文件",
                                              scale=2)
                    upload_btn = gr.Button("导入", variant="primary")
                with gr.Column(scale=1):
                    chosen = gr.Dropdown(label="选择材料", choices=[s.source for s in bot.sources()],
                                         interactive=True, allow_custom_value=True)
                    delete_btn = gr.Button("删除所选材料", variant="stop")
                    reindex_btn = gr.Button("重建索引")
            with gr.Accordion("所选材料的主题、状态与日期（旧版或已废止的材料不会用来回答现行规定）", open=False):
                with gr.Row():
                    v_status = gr.Dropdown(label="状态", choices=["未注明", *STATUSES], value="未注明")
                    v_effective = gr.Textbox(label="施行日期", placeholder="2024-11-01")
                    v_basis = gr.Textbox(label="依据（法规或文件名称）", placeholder="中华人民共和国村民委员会组织法")
                    v_basis_date = gr.Textbox(label="发布或修订日期", placeholder="2025-10-28")
                    v_superseded = gr.Textbox(label="已被哪份文件取代", placeholder="（已修订或已废止时填写）")
                    v_topic = gr.Textbox(label="主题", value="", placeholder="例如：矛盾纠纷化解")
                v_save = gr.Button("保存状态")
            status = gr.Markdown()
            table = gr.Dataframe(headers=HEADERS, label="已导入的材料", interactive=False, wrap=True)
        quiz_refresh, quiz_outputs = build_quiz_tab(bot, bank, users, settings.exports_dir, require_trainer)
        class_refresh, class_outputs = ClassesTab(learning, users, settings.exports_dir, require_trainer).build()
        LogTab(bot, log, users, settings.eval_suites_dir, require_trainer).build()
        with gr.Tab("评测") as eval_tab:
            gr.Markdown("对**当前知识库**运行评测集，查看检索、回答和拒答的各项指标。“自建：”开头的是从问答记录加入的评测集。")
            with gr.Row():
                names = list(suite_files(settings.eval_suites_dir))
                suite_choice = gr.Dropdown(label="评测集", choices=names, value=names[0] if names else None, allow_custom_value=True)
                eval_btn = gr.Button("运行评测", variant="primary")
            eval_summary = gr.Markdown()
            eval_files = gr.File(label="结果与报告下载", file_count="multiple", interactive=False)

        eval_btn.click(run_eval, suite_choice, [eval_summary, eval_files], api_name="eval")
        eval_tab.select(guarded(lambda: gr.Dropdown(choices=list(suite_files(settings.eval_suites_dir)))), None,
                        suite_choice, api_visibility="private")
        demo.load(refresh, None, [table, chosen], api_name="sources")
        demo.load(quiz_refresh, None, quiz_outputs, api_visibility="private")
        demo.load(class_refresh, None, class_outputs, api_visibility="private")
        upload_btn.click(upload, [files, replace, upload_topic], [status, table, chosen], api_name="upload")
        delete_btn.click(delete, chosen, [status, table, chosen], api_name="delete", js=confirm_js("材料"))
        reindex_btn.click(reindex, None, [status, table, chosen], api_name="reindex")
        v_fields = [v_status, v_effective, v_basis, v_basis_date, v_superseded, v_topic]
        chosen.change(pick, chosen, v_fields, api_visibility="private")
        v_save.click(set_status, [chosen, *v_fields], [status, table, chosen], api_name="set_status")
    return demo
