"""Command line (contract C2): ``trainer-bot ingest|ask|sources|remove|serve``.

Errors a user can cause become one clear line on stderr and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import TrainerBotError
from .settings import Settings


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                        help="数据目录（环境变量 TRAINER_BOT_DATA_DIR，默认 ./data）")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(prog="trainer-bot", description="基层干部培训助手", parents=[common])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common], help="导入材料文件或文件夹（md、txt、html、pdf、docx）")
    p.add_argument("paths", nargs="+", type=Path)

    p = sub.add_parser("ask", parents=[common], help="根据材料回答问题")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = sub.add_parser("sources", parents=[common], help="列出已导入的材料")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = sub.add_parser("remove", parents=[common], help="从所有索引中删除材料")
    p.add_argument("sources", nargs="+")

    p = sub.add_parser("user", parents=[common], help="管理账号")
    user_sub = p.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    u = user_sub.add_parser("add", parents=[common], help="添加或重设账号")
    u.add_argument("name")
    u.add_argument("--role", choices=["trainer", "cadre"], default="trainer")
    u.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")

    p = sub.add_parser("serve", parents=[common], help="启动网页应用（同 python app.py）")
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=None)

    return parser


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "data_dir", None) is not None:
        overrides["data_dir"] = args.data_dir
    return Settings(**overrides)


def _bot(args: argparse.Namespace):
    from .bot import TrainerBot

    return TrainerBot.from_settings(_settings(args))


def cmd_ingest(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bot = _bot(args)
    with Progress(TextColumn("导入"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=name)

        report = bot.ingest(args.paths, progress)
    labels = {"added": "新增", "updated": "更新", "unchanged": "未变", "failed": "失败"}
    for result in report.results:
        if result.status == "failed":
            print(f"错误 {result.error}", file=sys.stderr)
        else:
            extra = f"（{result.chunks} 段）" if result.chunks else ""
            print(f"{labels[result.status]} {result.source}{extra}")
    print(report.summary())
    return 0 if report.ok else 1


def cmd_ask(args: argparse.Namespace) -> int:
    from .answer.render import to_json, to_markdown

    answer = _bot(args).ask(args.question)
    if args.json:
        print(json.dumps(to_json(answer), ensure_ascii=False))
    else:
        print(to_markdown(answer))
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    sources = _bot(args).sources()
    if args.json:
        print(json.dumps([s.__dict__ for s in sources], ensure_ascii=False))
    elif not sources:
        print("还没有导入任何材料。用 `trainer-bot ingest 文件夹` 导入。")
    else:
        for s in sources:
            print(f"{s.source}\t{s.title}\t{s.chunks} 段\t{s.sha256[:12]}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    bot = _bot(args)
    known = {s.source for s in bot.sources()}
    status = 0
    for source in args.sources:
        if source not in known:
            print(f"错误 {source}: 没有这份材料。用 `trainer-bot sources` 查看已导入的材料名。", file=sys.stderr)
            status = 1
            continue
        print(f"已删除 {source}（{bot.remove(source)} 段）")
    return status


def cmd_user(args: argparse.Namespace) -> int:
    import getpass

    from .users import UserStore

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("密码：")
        if getpass.getpass("再输一次：") != password:
            raise TrainerBotError("两次输入的密码不一致。")
    user = UserStore(_settings(args).data_dir).add(args.name, password, args.role)
    print(f"已保存账号 {user.name}（{user.role}）")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.server import serve

    settings = _settings(args)
    updates = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    serve(settings.model_copy(update=updates))
    return 0


COMMANDS = {"ingest": cmd_ingest, "ask": cmd_ask, "sources": cmd_sources, "remove": cmd_remove,
            "user": cmd_user, "serve": cmd_serve}


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except TrainerBotError as exc:
        print(f"错误 {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
