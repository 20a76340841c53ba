"""The command line of contract C2: in process through ``main([...])`` (the arguments, output and exit
codes are the contract), and once as a user runs it, a subprocess (the entry point and no traceback)."""

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from trainer_bot.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


@dataclass
class Completed:
    returncode: int
    stdout: str
    stderr: str


def run(data_dir: Path, *args: str, check_code: int | None = 0) -> Completed:
    """``trainer-bot ARGS`` with TRAINER_BOT_DATA_DIR set, in this process."""
    out, err = io.StringIO(), io.StringIO()
    previous = os.environ.get("TRAINER_BOT_DATA_DIR")
    os.environ["TRAINER_BOT_DATA_DIR"] = str(data_dir)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse usage errors
                code = int(exc.code or 0)
    finally:
        if previous is None:
            os.environ.pop("TRAINER_BOT_DATA_DIR", None)
        else:
            os.environ["TRAINER_BOT_DATA_DIR"] = previous
    proc = Completed(code, out.getvalue(), err.getvalue())
    if check_code is not None:
        assert proc.returncode == check_code, proc.stderr
    return proc


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    material = folder / "material"
    material.mkdir()
    for file in FIXTURES.rglob("*.md"):
        (material / file.name).write_bytes(file.read_bytes())
    (material / "empty.md").write_text("", encoding="utf-8")
    proc = run(folder / "data", "ingest", str(material), check_code=1)  # one bad file: non-zero exit
    assert "新增 grid.md" in proc.stdout and "新增 warning.md" in proc.stdout
    assert proc.stderr.count("错误") == 1 and "empty.md" in proc.stderr
    return folder / "data"


def test_ask_json_returns_a_cited_answer(data_dir: Path):
    proc = run(data_dir, "ask", "--json", "预警级别分几级？")
    data = json.loads(proc.stdout)
    assert data["refused"] is False
    assert "[1]" in data["answer"]
    assert data["sources"][0]["source"] == "warning.md"
    contract = {"source", "title", "chunk_id", "score", "text"}  # C2; status and dates extend it where stated
    assert contract <= set(data["sources"][0])
    assert set(data["sources"][0]) - contract <= {"status", "effective", "basis", "basis_date", "superseded_by"}


def test_ask_out_of_scope_is_refused(data_dir: Path):
    data = json.loads(run(data_dir, "ask", "--json", "世界杯冠军是谁").stdout)
    assert data["refused"] is True and data["sources"] == []


def test_sources_json_and_remove(data_dir: Path):
    sources = json.loads(run(data_dir, "sources", "--json").stdout)
    assert {s["source"] for s in sources} == {"grid.md", "mediation.md", "warning.md"}
    assert all(s["chunks"] > 0 and len(s["sha256"]) == 64 and s["title"] for s in sources)
    proc = run(data_dir, "remove", "grid.md", "nothing.md", check_code=1)
    assert "已删除 grid.md" in proc.stdout and "nothing.md" in proc.stderr
    sources = json.loads(run(data_dir, "--data-dir", str(data_dir), "sources", "--json").stdout)
    assert {s["source"] for s in sources} == {"mediation.md", "warning.md"}


def test_data_dir_flag_after_the_command(data_dir: Path, tmp_path: Path):
    proc = run(tmp_path / "elsewhere", "sources", "--data-dir", str(data_dir))
    assert "warning.md" in proc.stdout


@pytest.mark.system  # another process
def test_user_errors_are_one_line_without_traceback(tmp_path: Path):
    """As a user runs it: the installed entry point, a separate process, no traceback for their mistake."""
    env = {**os.environ, "TRAINER_BOT_DATA_DIR": str(tmp_path / "d")}
    proc = subprocess.run([sys.executable, "-m", "trainer_bot.cli", "ingest", str(tmp_path / "missing-folder")],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 1 and "路径不存在" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("question", ["", "   \n"])
def test_empty_question_is_a_usage_error(question: str, tmp_path: Path, capsys):
    assert main(["--data-dir", str(tmp_path / "d"), "ask", question]) == 2
    err = capsys.readouterr().err.strip()
    assert "问题不能为空" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "d").exists()  # refused before anything is opened


def test_quiz_generate_export_import(data_dir: Path, tmp_path: Path):
    out = tmp_path / "q.json"
    proc = run(data_dir, "quiz", "generate", "--source", "mediation.md", "--count", "1", "--types",
               "fill_blank,true_false", "--out", str(out))
    assert "生成 1 道题" in proc.stdout
    quiz = json.loads(out.read_text(encoding="utf-8"))
    assert len(quiz["questions"]) == 1 and all(q["source"]["source"] == "mediation.md" for q in quiz["questions"])
    proc = run(data_dir, "quiz", "export", str(out), "--format", "xlsx", "--out", str(tmp_path / "q.xlsx"))
    assert (tmp_path / "q.xlsx").is_file()
    proc = run(data_dir, "quiz", "import", str(tmp_path / "q.xlsx"))
    assert "已导入题库" in proc.stdout and "1 题" in proc.stdout
    too_many = run(data_dir, "quiz", "generate", "--source", "mediation.md", "--count", "40", "--types",
                   "fill_blank", "--out", str(tmp_path / "many.json"), check_code=1)
    assert "只够生成" in too_many.stdout
    missing = run(data_dir, "quiz", "generate", "--source", "nope.md", "--count", "2", "--out",
                  str(tmp_path / "x.json"), check_code=2)
    assert "nope.md" in missing.stderr


@pytest.mark.parametrize("variable, value, allowed", [
    ("TRAINER_BOT_TOP_K", "0", ("1", "50")),
    ("TRAINER_BOT_ENGINE", "fast", ("auto", "offline", "llm")),
])
def test_bad_setting_is_one_line_naming_the_variable(variable: str, value: str, allowed: tuple[str, ...],
                                                      tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv(variable, value)
    assert main(["--data-dir", str(tmp_path / "d"), "sources"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err and "ValidationError" not in err
    assert variable in err and all(a in err for a in allowed), err


def test_user_add_reads_the_password_from_stdin_and_remove_deletes(tmp_path: Path, monkeypatch):
    from trainer_bot.db import Database
    from trainer_bot.settings import Settings
    from trainer_bot.users import UserStore

    monkeypatch.setattr(sys, "stdin", io.StringIO("correct-horse-42\n"))
    proc = run(tmp_path / "d", "user", "add", "peixun", "--role", "trainer", "--password-stdin")
    assert proc.stdout.strip() == "已保存账号 peixun（trainer）"
    users = UserStore(Database.from_settings(Settings(_env_file=None, data_dir=tmp_path / "d")))
    assert users.verify("peixun", "correct-horse-42", "trainer") and not users.verify("peixun", "correct-horse-42\n")
    assert run(tmp_path / "d", "user", "list").stdout == "peixun\ttrainer\n"
    assert run(tmp_path / "d", "user", "remove", "peixun").stdout.strip() == "已删除账号 peixun"
    assert "没有账号 peixun" in run(tmp_path / "d", "user", "remove", "peixun", check_code=2).stderr


def test_user_import_makes_cadre_accounts_from_a_roster(tmp_path: Path):
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    book.active.append(["姓名", "单位", "手机号", "班级"])
    book.active.append(["周红", "西街社区", "13700000001", "社区班"])
    book.active.append(["吴亮", "北河村", "13700000002", "社区班"])
    book.save(tmp_path / "名单.xlsx")
    proc = run(tmp_path / "d", "user", "import", str(tmp_path / "名单.xlsx"))
    assert "新建账号 2 个" in proc.stdout and "名单-初始密码.xlsx" in proc.stdout
    rows = list(load_workbook(tmp_path / "名单-初始密码.xlsx").active.iter_rows(values_only=True))
    assert [r[3] for r in rows[1:]] == ["13700000001", "13700000002"] and all(len(r[4]) == 10 for r in rows[1:])
    listed = run(tmp_path / "d", "user", "list").stdout
    assert "13700000001\tcadre\t周红\t西街社区\t社区班" in listed

    book.active.append(["郑东", "北河村", "13700000001", "社区班"])  # the same account twice
    book.save(tmp_path / "坏名单.xlsx")
    proc = run(tmp_path / "d", "user", "import", str(tmp_path / "坏名单.xlsx"), check_code=2)
    assert "第 4 行：账号“13700000001”与第 2 行重复" in proc.stderr and "没有导入任何学员" in proc.stderr


def test_eval_run_indexes_its_material_afresh_on_the_data_dirs_vector_cache(tmp_path: Path, monkeypatch, embeddings):
    from trainer_bot import bot

    made = []
    monkeypatch.delenv("TRAINER_BOT_VECTOR_CACHE", raising=False)
    monkeypatch.setattr(bot, "make_embeddings", lambda settings: made.append(settings) or embeddings)
    run(tmp_path / "data", "eval", "run", str(FIXTURES.parent / "suite.yaml"))
    assert made[0].data_dir != tmp_path / "data"  # a store of its own, gone after the run
    assert made[0].vector_cache_path == tmp_path / "data" / "vectors.sqlite"  # a second run embeds nothing again
