"""One FastAPI app serving the cadre app at ``/`` and the trainer app at ``/trainer``."""

from __future__ import annotations

import json
import logging
import os
import sys

from ..bot import TrainerBot
from ..db import Database
from ..settings import Settings
from ..questionlog import QuestionLog
from ..quiz.bank import QuizBank
from ..uploads import RemovedSources, UploadStore
from ..validity import ValidityStore
from ..users import UserStore
from .guard import DatabaseEvents, LoginGuard, Sessions, Throttle
from .learning import Learning

log = logging.getLogger(__name__)
CSS = """
.tb-source summary { cursor: pointer; color: var(--body-text-color); font-weight: 500; }
.tb-source small { color: var(--body-text-color); }
a.tb-ref { text-decoration: none; font-weight: 600; }
.tb-source { margin: 2px 0; }
.tb-opts { list-style: none; padding: 0; margin: 0 0 8px 0; }
.tb-opt { padding: 6px 10px; margin: 4px 0; border-radius: 6px; border: 1px solid var(--border-color-primary); }
.tb-opt.tb-right { background: #e6f4ea; border-color: #1e8e3e; color: #0d4a1f; }
.tb-opt.tb-wrong { background: #fce8e6; border-color: #d93025; color: #7a1711; }
.tb-verdict { font-weight: 600; margin: 6px 0; }
.tb-ok { color: #137333; } .tb-no { color: #b3261e; }
@media (max-width: 640px) {  /* phones: the page is the one scrolling surface, the chat grows with the conversation */
  #tb-chat { height: auto !important; max-height: none !important; }
  #tb-chat .bubble-wrap { height: auto !important; max-height: none !important; overflow: visible !important; }
}
.tb-feedback blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid var(--border-color-primary); }
"""


# a citation [n] opens its footnote and scrolls to it (a jump to a closed <details> does not open it by itself)
_CITATIONS = """
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a.tb-ref');
    if (!link) return;
    const note = document.getElementById(link.getAttribute('href').slice(1));
    if (!note) return;
    event.preventDefault();
    event.stopPropagation();
    note.open = true;
    note.scrollIntoView({block: 'nearest', behavior: 'smooth'});
  }, true);
"""
# Gradio's own tooltips and screen-reader labels that its zh-CN translation leaves in English, and the internal
# values a choice shows on hover (single_choice): put into Chinese as they appear
GRADIO_LABELS = {
    "Click to upload or drop files": "点击上传或拖入文件", "Copy message": "复制", "Copy table data": "复制表格",
    "Dataframe": "表格", "Empty value": "空", "Feedback": "反馈", "File upload": "上传文件", "Fullscreen": "全屏",
    "Exit fullscreen mode": "退出全屏", "More tabs": "更多标签页", "Open cell menu": "单元格菜单",
    "Reset to default value": "恢复默认值", "Table actions": "表格操作", "chatbot conversation": "对话",
    "undo": "撤销", "Like": "赞", "Dislike": "踩", "Clear": "清空", "Download": "下载", "Remove": "移除",
    "single_choice": "单选题", "multiple_choice": "多选题", "true_false": "判断题", "fill_blank": "填空题",
    "short_answer": "简答题"}
GRADIO_PREFIXES = {"number input for ": "数值：", "range slider for ": "滑块：", "bot's message: ": "回答：",
                   "user's message: ": "提问："}
GRADIO_ANNOUNCED = {"complete": "已完成", "error": "出错了", "loading": "加载中", "processing": "处理中"}
_LABELS = """
  const words = %s, prefixes = %s, announced = %s, names = ['aria-label', 'title'];
  const fix = (el) => {
    for (const name of names) {
      const value = el.getAttribute && el.getAttribute(name);
      if (!value) continue;
      if (words[value]) { el.setAttribute(name, words[value]); continue; }
      for (const [head, zh] of Object.entries(prefixes)) {
        if (value.startsWith(head)) { el.setAttribute(name, zh + value.slice(head.length).replace(/<[^>]+>|\\*\\*/g, '')); break; }
      }
    }
  };
  const sweep = (root) => {
    if (!root.querySelectorAll) return;
    fix(root);
    root.querySelectorAll('[aria-label], [title]').forEach(fix);
  };
  // what Gradio announces to screen readers when its zh-CN strings lack a key (common.complete)
  const announce = (node) => {
    const region = (node.nodeType === 3 ? node.parentElement : node)?.closest?.('[aria-live]');
    for (const text of region ? region.childNodes : []) {  // the text node Gradio keeps updating, kept in place
      const key = text.nodeType === 3 && text.nodeValue.trim().match(/^common\.(\w+)$/);
      if (key) text.nodeValue = announced[key[1]] || '';
    }
  };
  sweep(document.body);
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === 'attributes') fix(change.target);
      else {
        announce(change.target);
        change.addedNodes.forEach(sweep);
      }
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                             attributeFilter: names});
""" % (json.dumps(GRADIO_LABELS, ensure_ascii=False), json.dumps(GRADIO_PREFIXES, ensure_ascii=False),
       json.dumps(GRADIO_ANNOUNCED, ensure_ascii=False))
CITATIONS_JS = "() => {" + _CITATIONS + _LABELS + "}"
LABELS_JS = "() => {" + _LABELS + "}"


def ensure_indexed(bot: TrainerBot, db: Database) -> None:
    """On first start with an empty store, index the bundled knowledge/ with visible progress.

    Replicas starting together on one empty store take turns through a database lock: one indexes,
    the others wait for it and then find the store filled."""
    if bot.count():
        return

    def waiting() -> None:
        print("另一个进程正在为内置培训材料建立索引，等待其完成……", file=sys.stderr, flush=True)

    with db.lock("index-bundled-knowledge", waiting=waiting):
        if bot.count():
            print("内置培训材料已由另一个进程建立索引。", file=sys.stderr, flush=True)
            return
        folder = bot.settings.library_dir
        print(f"首次启动：正在为内置培训材料建立索引（{folder}）……", file=sys.stderr, flush=True)

        def progress(done: int, total: int, name: str) -> None:
            if total:
                print(f"  [{done}/{total}] {name}", file=sys.stderr, flush=True)

        report = bot.ingest([folder], progress, skip=RemovedSources(db).all())
        print(f"索引完成：{report.summary()}", file=sys.stderr, flush=True)


def guard_cadre_routes(app, data_dir) -> None:
    """The cadre apps (``/`` and ``/learn``) take no files and hand out none of the trainer's: Gradio would otherwise accept
    anonymous uploads there and serve a trainer's export or report by its path without a login."""
    from pathlib import Path

    from fastapi.responses import JSONResponse

    private = Path(data_dir).resolve()

    @app.middleware("http")
    async def refuse(request, call_next):
        path = request.url.path
        path = path[len("/learn"):] if path.startswith("/learn/") else path  # the signed-in cadre app alike
        if path.startswith("/gradio_api/upload") and request.method == "POST":
            return JSONResponse({"detail": "此页面不接受上传文件。"}, status_code=403)
        if path.startswith("/gradio_api/file="):
            target = Path(path[len("/gradio_api/file="):]).resolve()
            if target == private or private in target.parents:
                return JSONResponse({"detail": "需要培训师登录。"}, status_code=403)
        return await call_next(request)


def create_app(settings: Settings, bot: TrainerBot | None = None, db: Database | None = None):
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr
    from fastapi import FastAPI
    from fastapi.responses import RedirectResponse

    from .cadre import build_cadre
    from .trainer import build_trainer

    bot = bot or TrainerBot.from_settings(settings)
    db = db or Database.from_settings(settings)
    ensure_indexed(bot, db)
    bot.warm_up()
    users = UserStore(db)
    bank = QuizBank(db)

    learning = Learning.open(db, bank)
    log = QuestionLog(db, settings.log_questions)
    cadre = build_cadre(bot, bank, learning, log=log).queue(max_size=256, default_concurrency_limit=8)
    learner = build_cadre(bot, bank, learning, signed_in=True, log=log).queue(max_size=256, default_concurrency_limit=8)
    trainer = build_trainer(bot, users, settings, bank, UploadStore(db), ValidityStore(db), learning, log).queue(max_size=64, default_concurrency_limit=2)
    app = FastAPI(title="trainer-bot", docs_url=None, redoc_url=None)
    trainer_guard = LoginGuard(users, "trainer", Throttle(events=DatabaseEvents(db, "account")),
                               Throttle(free=20, events=DatabaseEvents(db, "address")))  # counted across replicas
    trainer_guard.install(app, ("/trainer/login", "/learn/login", "/login"))

    @app.get("/trainer", include_in_schema=False)
    def trainer_slash():  # the mounted app lives at /trainer/
        return RedirectResponse("/trainer/")

    @app.get("/learn", include_in_schema=False)
    def learn_slash():
        return RedirectResponse("/learn/")

    app = gr.mount_gradio_app(
        app, trainer, path="/trainer",
        auth=trainer_guard.auth,
        auth_message="培训师登录：账号由系统管理员开通，忘记密码请联系管理员重设。",
        max_file_size=f"{settings.max_upload_mb}mb", ssr_mode=False, css=CSS, js=LABELS_JS, footer_links=[],
        allowed_paths=[str(d.resolve()) for d in (settings.eval_runs_dir, settings.exports_dir)],
    )
    guard_cadre_routes(app, settings.data_dir)
    cadre_guard = LoginGuard(users, None, trainer_guard.accounts, trainer_guard.addresses)
    app = gr.mount_gradio_app(app, learner, path="/learn", auth=cadre_guard.auth, ssr_mode=False, css=CSS, js=CITATIONS_JS,
                              auth_message="学员登录：账号和初始密码由培训师发放，首次登录后请修改密码。", footer_links=[],
                              max_file_size="1mb")
    cadre_auth = None if settings.open_cadre_app else cadre_guard.auth
    app = gr.mount_gradio_app(app, cadre, path="", auth=cadre_auth, ssr_mode=False, css=CSS, js=CITATIONS_JS, footer_links=[],
                              max_file_size="1mb")
    from starlette.routing import Mount

    Sessions(users).install(app, {r.path: r.app for r in app.routes if isinstance(r, Mount) and hasattr(r.app, "tokens")})
    return app


def serve(settings: Settings) -> None:
    import uvicorn

    app = create_app(settings)
    if settings.chroma_url and not settings.database_url:
        print("提示：已设置 TRAINER_BOT_CHROMA_URL，但题库与账号仍在本机数据目录的 SQLite 文件里；"
              "多个副本共用材料时，请同时设置 TRAINER_BOT_DATABASE_URL（PostgreSQL）。", file=sys.stderr, flush=True)
    print(f"已启动：http://{settings.host}:{settings.port}/ （培训师入口 /trainer）", file=sys.stderr, flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
