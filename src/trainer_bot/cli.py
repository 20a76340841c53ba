"""Command line (contract C2, see docs/architecture.md): ``trainer-bot ingest|ask|sources|remove|quiz|eval|user|serve``.

Errors a user can cause become one clear line on stderr and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import typing
from pathlib import Path

from pydantic_core import ErrorDetails

from .errors import ConfigError, TrainerBotError, UsageError
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

    p = sub.add_parser("mark", parents=[common], help="设置材料的状态与日期（现行、已修订、已废止）")
    p.add_argument("source", help="材料名（见 trainer-bot sources）")
    p.add_argument("--status", default="", help="现行、已修订或已废止")
    p.add_argument("--effective", default="", help="施行日期，如 2024-11-01")
    p.add_argument("--basis", default="", help="依据的法规或文件名称")
    p.add_argument("--basis-date", default="", help="依据的发布或修订日期，如 2024-06-28")
    p.add_argument("--superseded-by", default="", help="取代它的法规或文件名称")

    p = sub.add_parser("quiz", parents=[common], help="出题、导出、导入题库")
    quiz_sub = p.add_subparsers(dest="quiz_command", required=True, metavar="ACTION")
    q = quiz_sub.add_parser("generate", parents=[common], help="从材料生成经校验的题目")
    q.add_argument("--source", action="append", default=[], help="材料名（可重复）")
    q.add_argument("--topic", help="主题（按主题检索材料）")
    q.add_argument("--count", type=int, required=True)
    q.add_argument("--types", default="single_choice,multiple_choice,true_false,fill_blank",
                   help="题型，逗号分隔：single_choice,multiple_choice,true_false,fill_blank,short_answer")
    q.add_argument("--title")
    q.add_argument("--out", type=Path, required=True)
    q = quiz_sub.add_parser("export", parents=[common], help="导出题库文件")
    q.add_argument("file", type=Path)
    q.add_argument("--format", required=True, choices=["json", "md", "gift", "moodle-xml", "docx", "xlsx"])
    q.add_argument("--out", type=Path, required=True)
    q = quiz_sub.add_parser("import", parents=[common], help="把 json 或 xlsx 题库导入题库（草稿）")
    q.add_argument("file", type=Path)

    p = sub.add_parser("eval", parents=[common], help="运行和比较评测集")
    eval_sub = p.add_subparsers(dest="eval_command", required=True, metavar="ACTION")
    e = eval_sub.add_parser("run", parents=[common], help="运行评测集（JSONL，或同名 YAML 配置）")
    e.add_argument("suite", type=Path)
    e.add_argument("--out", type=Path, help="结果 JSON 文件")
    e.add_argument("--report", type=Path, help="HTML 报告文件")
    e.add_argument("--judge", action="store_true", help="用已配置的大模型给回答的忠实度和切题度打分（可选）")
    e = eval_sub.add_parser("compare", parents=[common], help="比较两次评测结果")
    e.add_argument("old", type=Path)
    e.add_argument("new", type=Path)
    e.add_argument("--fail-on-regression", action="store_true",
                   help="有指标变差（延迟、重复率上升，其余指标下降）或用例由通过变失败时返回非零")
    e.add_argument("--tolerance", type=float, default=0.0,
                   help="允许的指标变差幅度，按各指标自身单位计（默认 0；延迟为毫秒）")

    p = sub.add_parser("user", parents=[common], help="管理账号")
    user_sub = p.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    u = user_sub.add_parser("add", parents=[common], help="添加或重设账号")
    u.add_argument("name")
    u.add_argument("--role", choices=["trainer", "cadre"], default="trainer")
    u.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")
    user_sub.add_parser("list", parents=[common], help="列出账号")
    u = user_sub.add_parser("remove", parents=[common], help="删除账号")
    u.add_argument("name")
    u = user_sub.add_parser("import", parents=[common], help="从名单（xlsx/csv：姓名、单位、账号或手机号、班级）批量创建学员账号")
    u.add_argument("roster", type=Path)
    u.add_argument("--out", type=Path, default=None, help="初始密码表（xlsx），默认 名单文件名-初始密码.xlsx")

    p = sub.add_parser("serve", parents=[common], help="启动网页应用（同 python app.py）")
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=None)

    return parser


def _settings(args: argparse.Namespace) -> Settings:
    from pydantic import ValidationError

    overrides = {}
    if getattr(args, "data_dir", None) is not None:
        overrides["data_dir"] = args.data_dir
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "；".join(_setting_problem(error) for error in exc.errors())
        raise ConfigError(f"{problems}。请在环境变量或 .env 文件里改正后重试。") from None


def _env_name(field: str) -> str:
    info = Settings.model_fields.get(field)
    if info is None:  # already an alias such as OPENAI_API_KEY
        return field
    choices = getattr(info.validation_alias, "choices", None)
    return str(choices[0]) if choices else f"TRAINER_BOT_{field.upper()}"


def _allowed(field: str) -> str:
    """The values a setting accepts, in words: its bounds, its choices or its type."""
    info = Settings.model_fields.get(field)
    if info is None:
        return "请查看 README 中的说明"
    choices = typing.get_args(info.annotation) if typing.get_origin(info.annotation) is typing.Literal else ()
    if choices:
        return "只能是 " + "、".join(map(str, choices)) + " 之一"
    if info.annotation is bool:
        return "只能是 true 或 false"
    kind = "整数" if info.annotation is int else "数"
    return f"应为{_bounds(info.metadata)}{kind}"


def _bounds(metadata: list) -> str:
    """``1 到 50 之间的``, ``大于 0 的`` or nothing, from a field's ge/gt/le/lt rules."""
    bounds = {key: getattr(rule, key) for rule in metadata for key in ("ge", "gt", "le", "lt")
              if getattr(rule, key, None) is not None}
    if "ge" in bounds and "le" in bounds:
        return f" {bounds['ge']} 到 {bounds['le']} 之间的"
    words = {"ge": "不小于", "gt": "大于", "le": "不大于", "lt": "小于"}
    return "、".join(f"{words[k]} {v}" for k, v in bounds.items()) + (" 的" if bounds else "")


def _setting_problem(error: ErrorDetails) -> str:
    field = str(error["loc"][0]) if error.get("loc") else ""
    value = error.get("input")
    shown = "=" + " ".join(str(value).split())[:40] if isinstance(value, (str, int, float)) else ""
    return f"配置 {_env_name(field)}{shown} 无效：{_allowed(field)}"


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
    _statuses(args).apply(bot)  # a changed file keeps the status a trainer set for it
    labels = {"added": "新增", "updated": "更新", "unchanged": "未变", "failed": "失败"}
    for result in report.results:
        if result.status == "failed":
            print(f"错误 {result.error}", file=sys.stderr)
        else:
            extra = f"（{result.chunks} 段）" if result.chunks else ""
            print(f"{labels[result.status]} {result.source}{extra}")
    print(report.summary())
    return 0 if report.ok else 1


def _statuses(args: argparse.Namespace):
    from .db import Database
    from .validity import ValidityStore

    return ValidityStore(Database.from_settings(_settings(args)))


def cmd_mark(args: argparse.Namespace) -> int:
    from .validity import checked

    bot = _bot(args)
    if args.source not in {s.source for s in bot.sources()}:
        raise UsageError(f"没有这份材料：{args.source}。用 `trainer-bot sources` 查看材料名。")
    validity = checked(args.status, args.effective, args.basis, args.basis_date, args.superseded_by)
    _statuses(args).set(args.source, validity)
    bot.set_validity(args.source, validity)
    print(f"已设置 {args.source}：{validity.line() or '状态未注明'}")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from .answer.render import to_json, to_markdown

    if not args.question.strip():
        raise UsageError("问题不能为空，请输入要问的内容，例如：trainer-bot ask \"什么是四议两公开？\"")
    answer = _bot(args).ask(args.question.strip())
    if args.json:
        print(json.dumps(to_json(answer), ensure_ascii=False))
    else:
        print(to_markdown(answer))
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    from .models import chinese_date

    sources = _bot(args).sources()
    if args.json:
        print(json.dumps([{"source": s.source, "title": s.title, "chunks": s.chunks, "sha256": s.sha256, "topic": s.topic,
                           **s.validity.to_meta()} for s in sources], ensure_ascii=False))
    elif not sources:
        print("还没有导入任何材料。用 `trainer-bot ingest 文件夹` 导入。")
    else:
        for s in sources:
            print(f"{s.source}\t{s.title}\t{s.chunks} 段\t{s.sha256[:12]}\t{s.validity.status or '状态未注明'}\t"
                  f"{chinese_date(s.validity.effective) + '起施行' if s.validity.effective else ''}")
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


def cmd_quiz(args: argparse.Namespace) -> int:
    from .quiz.export import export_quiz, import_quiz, read_json

    if args.quiz_command == "export":
        for path in export_quiz(read_json(args.file), args.format, args.out):
            print(f"已导出 {path}")
        return 0
    if args.quiz_command == "import":
        from .quiz import validate
        from .quiz.bank import QuizBank

        quiz = import_quiz(args.file)
        from .db import Database

        saved = QuizBank(Database.from_settings(_settings(args))).save(quiz.model_copy(update={"status": "draft"}))
        problems = validate.set_problems(saved.questions)
        print(f"已导入题库 {saved.id}：{saved.title}（{len(saved.questions)} 题，草稿）")
        for problem in problems:
            print(f"提示 {problem}", file=sys.stderr)
        return 0
    from .bot import TrainerBot
    from .quiz.generate import generate_quiz

    types = [t.strip() for t in args.types.split(",") if t.strip()]
    report = generate_quiz(TrainerBot.from_settings(_settings(args)), args.count, types, args.source, args.topic,
                           args.title)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report.quiz.contract(), ensure_ascii=False, indent=1), encoding="utf-8")
    print(report.message)
    for reason, n in report.dropped.most_common():
        print(f"  淘汰 {n} 道：{reason}")
    print(f"已写入 {args.out}")
    return 0 if len(report.quiz.questions) == args.count else 1


def cmd_eval(args: argparse.Namespace) -> int:
    if args.eval_command == "compare":
        return _eval_compare(args)
    import tempfile

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .bot import TrainerBot
    from .evaluate.orchestrate import load_any_suite, run_loaded

    suite = load_any_suite(args.suite)
    settings = _settings(args)
    with tempfile.TemporaryDirectory() as tmp:
        if suite.material and getattr(args, "data_dir", None) is None:
            # a fresh store (reproducible runs) on the data dir's vector cache (a run again embeds nothing twice)
            settings = settings.model_copy(update={"data_dir": Path(tmp), "vector_cache": settings.vector_cache_path})
        bot = TrainerBot.from_settings(settings)
        with Progress(TextColumn("评测"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                      transient=True, disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("", total=None)
            judge = None
            if args.judge:
                if not settings.use_llm:
                    raise TrainerBotError("--judge 需要先配置大模型：TRAINER_BOT_LLM_MODEL 和 TRAINER_BOT_LLM_BASE_URL。")
                from .llm import make_chat_model
                from .evaluate.judge import LLMJudge

                judge = LLMJudge(make_chat_model(settings, streaming=False))
            step = lambda d, t, n: bar.update(task, completed=d, total=t, description=n)  # noqa: E731
            run = run_loaded(bot, suite, step, judge)
    print(run.summary())
    run.write(args.out, args.report)
    if args.out:
        print(f"结果已写入 {args.out}")
    if args.report:
        print(f"报告已写入 {args.report}")
    return 1 if run.failures else 0


def _read_results(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TrainerBotError(f"无法读取评测结果 {path}（{exc}）。请给出 `eval run --out` 写出的 JSON 文件。") from None
    if not isinstance(data, dict) or "metrics" not in data or "cases" not in data:
        raise TrainerBotError(f"{path} 不是评测结果文件（缺少 metrics 或 cases）。")
    return data


def _eval_compare(args: argparse.Namespace) -> int:
    from .evaluate import compare_results

    comparison = compare_results(_read_results(args.old), _read_results(args.new))
    print(comparison.markdown(args.tolerance))
    regressions = comparison.regressions(args.tolerance)
    if args.fail_on_regression and (regressions or comparison.broke):
        print(f"发现退步：{len(regressions)} 个指标变差，{len(comparison.broke)} 个用例由通过变为失败。", file=sys.stderr)
        return 1
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    import getpass

    from .db import Database
    from .users import UserStore

    db = Database.from_settings(_settings(args))
    users = UserStore(db)
    if args.user_command == "import":
        from .learners.roster import import_roster, read_roster, write_passwords

        report = import_roster(db, read_roster(args.roster))
        out = write_passwords(report, args.out or args.roster.with_name(f"{args.roster.stem}-初始密码.xlsx"))
        print(report.summary())
        print(f"初始密码表：{out}（发给学员后请妥善保管或删除；学员入口 /learn，首次登录须修改密码）")
        return 0
    if args.user_command == "list":
        from .learners.people import People

        accounts = users.list()
        learners = {p.account: p for p in People(db).list()}
        for user in accounts:
            learner = learners.get(user.name)
            extra = f"\t{learner.full_name}\t{learner.unit}\t{'、'.join(learner.classes)}" if learner else ""
            print(f"{user.name}\t{user.role}{extra}")
        if not accounts:
            print("还没有账号。用 `trainer-bot user add 用户名 --role trainer` 添加。")
        return 0
    if args.user_command == "remove":
        if not users.remove(args.name):
            raise TrainerBotError(f"没有账号 {args.name}。用 `trainer-bot user list` 查看已有账号。")
        print(f"已删除账号 {args.name}")
        return 0
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("密码：")
        if getpass.getpass("再输一次：") != password:
            raise TrainerBotError("两次输入的密码不一致。")
    user = users.add(args.name, password, args.role)
    print(f"已保存账号 {user.name}（{user.role}）")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.server import serve

    settings = _settings(args)
    updates = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    serve(settings.model_copy(update=updates))
    return 0


COMMANDS = {"ingest": cmd_ingest, "ask": cmd_ask, "sources": cmd_sources, "remove": cmd_remove, "mark": cmd_mark,
            "user": cmd_user, "serve": cmd_serve, "eval": cmd_eval, "quiz": cmd_quiz}


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
