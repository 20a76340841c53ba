"""The web app as users reach it: a real server process (python app.py) on 127.0.0.1,
driven through Gradio's API and through Debian's Chromium with Playwright."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from servers import add_user, app_server, http_status

REPO = Path(__file__).resolve().parents[1]
from conftest import TRAINER




def test_first_start_indexes_the_bundled_knowledge_with_progress(bot, db, capsys):
    """What create_app does before it serves: an empty store gets the default library, with progress (here the
    fixture corpus stands in for knowledge/ through TRAINER_BOT_KNOWLEDGE_DIR)."""
    from trainer_bot.web import server as server_module

    folder = REPO / "tests" / "fixtures" / "corpus"
    bot.settings = bot.settings.model_copy(update={"knowledge_dir": folder})
    server_module.ensure_indexed(bot, db)
    log = capsys.readouterr().err
    documents = len(list(folder.rglob("*.md")))
    assert "首次启动" in log and f"[{documents}/{documents}]" in log and "索引完成" in log
    assert f"新增 {documents} 个" in log
    server_module.ensure_indexed(bot, db)  # a store with material is left alone
    assert capsys.readouterr().err == ""


def test_replicas_starting_together_index_the_bundled_knowledge_once(settings, embeddings, db, capsys):
    from trainer_bot.bot import TrainerBot
    from trainer_bot.web import server as server_module

    folder = REPO / "tests" / "fixtures" / "corpus"
    settings = settings.model_copy(update={"knowledge_dir": folder})
    bots = [TrainerBot.from_settings(settings, embeddings) for _ in range(3)]
    threads = [threading.Thread(target=server_module.ensure_indexed, args=(b, db)) for b in bots]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    log = capsys.readouterr().err
    assert log.count("首次启动") == 1
    single = TrainerBot.from_settings(settings.model_copy(update={"data_dir": settings.data_dir.parent / "single"}),
                                      embeddings)
    single.ingest([folder])
    assert bots[0].store.count() == single.store.count()  # indexed once, not three times over


def test_the_app_starts_on_its_store_and_says_so(server):
    assert any("已启动" in line for line in server["log"]) and not any("首次启动" in line for line in server["log"])


def test_cadre_app_is_open_and_trainer_app_needs_login(server):
    assert http_status(server["url"] + "/") == 200
    assert http_status(server["url"] + "/config") == 200
    assert http_status(server["url"] + "/trainer/config") == 401


def test_chat_api_returns_markdown_with_sources(server):
    from gradio_client import Client

    reply = Client(server["url"], verbose=False).predict("什么是枫桥经验？", api_name="/chat")
    assert "[1]" in reply and "**来源**" in reply and "fengqiao-experience.md" in reply
    refused = Client(server["url"], verbose=False).predict("红烧肉怎么做", api_name="/chat")
    assert "没有找到" in refused and "**来源**" not in refused


def test_anonymous_calls_to_trainer_endpoints_are_refused(server):
    from gradio_client import Client

    assert http_status(server["url"] + "/") == 200  # the server is up: the refusal below is the login's doing
    assert http_status(server["url"] + "/trainer/config") == 401
    with pytest.raises(Exception):
        Client(server["url"] + "/trainer", verbose=False)
    for path in ("/trainer/gradio_api/call/upload", "/trainer/gradio_api/queue/join", "/trainer/gradio_api/info"):
        request = urllib.request.Request(server["url"] + path, data=b"{}", method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(request, timeout=10)
            status = 200
        except urllib.error.HTTPError as err:
            status = err.code
        assert status in (401, 403, 405), path
        assert http_status(server["url"] + path) in (401, 403, 405), path


def test_a_password_change_ends_the_old_session(server):
    import httpx

    env = {"TRAINER_BOT_DATA_DIR": str(server["data"])}
    add_user(env, "zhou", "old-pass-2026")
    with httpx.Client(base_url=server["url"], timeout=30) as browser:
        assert browser.post("/trainer/login", data={"username": "zhou", "password": "old-pass-2026"}).status_code == 200
        assert browser.get("/trainer/config").status_code == 200
        add_user(env, "zhou", "new-pass-2026")  # reset by an administrator, in another process
        time.sleep(1.2)
        assert browser.get("/trainer/config").status_code == 401
        assert browser.post("/trainer/login", data={"username": "zhou", "password": "new-pass-2026"}).status_code == 200
        assert browser.get("/trainer/config").status_code == 200


def test_trainer_uploads_a_docx_that_the_next_chat_cites(server, tmp_path: Path):
    import docx
    from gradio_client import Client, handle_file

    document = docx.Document()
    document.add_heading("垃圾分类督导员工作规范", level=1)
    document.add_paragraph("垃圾分类督导员每天早晚各值守一次投放点，劝导居民把厨余垃圾和其他垃圾分开投放。")
    path = tmp_path / "督导员规范.docx"
    document.save(path)

    trainer = Client(server["url"] + "/trainer", auth=TRAINER, verbose=False)
    status, table, _ = trainer.predict([handle_file(str(path))], False, "环境卫生", api_name="/upload")
    assert "已导入" in status and "主题：环境卫生" in status
    assert next(row for row in table["data"] if row[0].endswith(".docx"))[2] == "环境卫生"  # a Word file has no front matter
    reply = Client(server["url"], verbose=False).predict("垃圾分类督导员什么时候值守投放点？", api_name="/chat")
    assert "早晚各值守一次" in reply and ".docx" in reply


def test_trainer_sets_the_status_of_an_upload_and_the_chat_stops_quoting_it(server, tmp_path: Path):
    from gradio_client import Client, handle_file

    path = tmp_path / "秸秆收储补贴.md"
    path.write_text("# 秸秆收储补贴办法\n\n## 要点\n\n- 秸秆收储点每收储一吨秸秆，县里补贴运输费六十元。\n", encoding="utf-8")
    trainer = Client(server["url"] + "/trainer", auth=TRAINER, verbose=False)
    trainer.predict([handle_file(str(path))], False, api_name="/upload")
    cadre = Client(server["url"], verbose=False)
    question = "秸秆收储点每收一吨秸秆补贴多少运输费？"
    reply = cadre.predict(question, api_name="/chat")
    assert "六十元" in reply and "依据" not in reply  # no status or dates stated yet
    with pytest.raises(Exception, match="施行日期请写成"):
        trainer.predict("秸秆收储补贴.md", "现行", "明年", "", "", "", api_name="/set_status")
    status, table, _ = trainer.predict("秸秆收储补贴.md", "现行", "2025-07-01", "某县秸秆收储补贴办法", "2025-06-10", "",
                                       api_name="/set_status")
    assert "已保存" in status
    row = next(r for r in table["data"] if r[0] == "秸秆收储补贴.md")
    assert row[4:] == ["现行", "2025年7月1日", "某县秸秆收储补贴办法"] and row[2] == ""  # no topic given yet
    _, table, _ = trainer.predict("秸秆收储补贴.md", "现行", "2025-07-01", "某县秸秆收储补贴办法", "2025-06-10", "",
                                  "秸秆综合利用", api_name="/set_status")
    assert next(r for r in table["data"] if r[0] == "秸秆收储补贴.md")[2] == "秸秆综合利用"
    assert "依据：《某县秸秆收储补贴办法》（2025年6月10日，2025年7月1日起施行） · 现行" in cadre.predict(question, api_name="/chat")
    trainer.predict("秸秆收储补贴.md", "已废止", "2025-07-01", "某县秸秆收储补贴办法", "", "", api_name="/set_status")
    deadline, reply = time.time() + 5, ""
    while time.time() < deadline and "抱歉" not in reply:
        reply = cadre.predict(question, api_name="/chat")
    assert "六十元" not in reply  # repealed: no longer answers as a current rule
    history = cadre.predict("秸秆收储补贴办法废止前，每收一吨秸秆补贴多少运输费？", api_name="/chat")
    assert "六十元" in history and "已废止" in history


def test_upload_names_replacement_and_deleted_bundled_documents(server, tmp_path: Path):
    from gradio_client import Client, handle_file

    trainer = Client(server["url"] + "/trainer", auth=TRAINER, verbose=False)
    cadre = Client(server["url"], verbose=False)
    first = tmp_path / "_护林员守则.md"  # a leading _ would make 重建索引 skip the file: it is dropped from the name
    first.write_text("# 护林员守则\n\n## 要点\n\n- 护林员每天巡山一次，发现火情立即报告护林站。\n", encoding="utf-8")
    status, table, _ = trainer.predict([handle_file(str(first))], False, api_name="/upload")
    assert "已导入 护林员守则.md" in status and any(r[0] == "护林员守则.md" for r in table["data"])

    second = tmp_path / "护林员守则.md"
    second.write_text("# 护林员守则\n\n## 要点\n\n- 护林员每天巡山两次，发现火情立即报告护林站。\n", encoding="utf-8")
    status, _, _ = trainer.predict([handle_file(str(second))], False, api_name="/upload")
    assert "已有同名材料" in status  # not replaced without the trainer saying so
    assert "巡山一次" in cadre.predict("护林员每天巡山几次？", api_name="/chat")
    status, _, _ = trainer.predict([handle_file(str(second))], True, api_name="/upload")
    assert "已更新 护林员守则.md" in status
    assert "巡山两次" in cadre.predict("护林员每天巡山几次？", api_name="/chat")

    status, table, _ = trainer.predict("welfare/veterans-services.md", api_name="/delete")
    assert "重建索引时也不会再加回" in status
    status, table, _ = trainer.predict(api_name="/reindex")
    assert "删除过的 1 份内置材料没有加回" in status
    sources = [r[0] for r in table["data"]]
    assert "welfare/veterans-services.md" not in sources and "护林员守则.md" in sources


def test_material_ingested_by_another_process_is_answered_by_the_running_server(server, tmp_path: Path):
    from gradio_client import Client

    folder = tmp_path / "cli"
    folder.mkdir()
    (folder / "河道保洁.md").write_text("# 河道保洁员职责\n\n## 要点\n\n- 河道保洁员每周三次清理河面漂浮物，并在巡河日志上签字。\n",
                                      encoding="utf-8")
    env = {**os.environ, "TRAINER_BOT_DATA_DIR": str(server["data"])}
    proc = subprocess.run([sys.executable, "-m", "trainer_bot.cli", "ingest", str(folder)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    deadline, reply = time.time() + 10, ""
    while time.time() < deadline and "巡河日志" not in reply:
        reply = Client(server["url"], verbose=False).predict("河道保洁员多久清理一次河面？", api_name="/chat")
    assert "每周三次" in reply and "河道保洁.md" in reply


def test_trainer_runs_the_main_suite_in_the_eval_tab(server):
    from gradio_client import Client

    trainer = Client(server["url"] + "/trainer", auth=TRAINER, verbose=False)
    summary, files = trainer.predict("main.jsonl", api_name="/eval")
    assert "评测：main" in summary and "命中@5" in summary
    assert sorted(Path(f).suffix for f in files) == [".html", ".json"]
    assert any((server["data"] / "eval-runs").glob("main-*.json"))


def test_wrong_password_does_not_open_the_trainer_app(server):
    from gradio_client import Client

    assert http_status(server["url"] + "/") == 200  # the server is up: the refusal below is the password's doing
    Client(server["url"] + "/trainer", auth=TRAINER, verbose=False)  # the right one opens it
    with pytest.raises(Exception):
        Client(server["url"] + "/trainer", auth=(TRAINER[0], "wrong-password"), verbose=False)


def test_twenty_concurrent_chats_all_succeed(server):
    from gradio_client import Client

    questions = ["什么是枫桥经验？", "四议两公开是哪四议？", "网格员平时做什么？", "突发事件预警分几级？",
                 "村规民约能罚款吗？"] * 4

    def chat(question: str) -> tuple[float, str]:
        start = time.perf_counter()
        reply = Client(server["url"], verbose=False).predict(question, api_name="/chat")
        return time.perf_counter() - start, reply

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(chat, questions))
    latencies = sorted(r[0] * 1000 for r in results)
    print(f"\n20 concurrent chats: p50 {statistics.median(latencies):.0f} ms, "
          f"p95 {latencies[int(0.95 * (len(latencies) - 1))]:.0f} ms")
    assert all("[1]" in reply for _, reply in results)


def test_browser_chat_shows_streamed_cited_answer_and_trainer_login(browser, server, tmp_path: Path):
    page = browser.new_page()
    page.goto(server["url"] + "/")
    box = page.get_by_placeholder("例如：村里两户因宅基地起了纠纷，该怎么调解？")
    box.fill("村务监督委员会的成员有什么限制？")
    box.press("Enter")
    summary = page.locator(".tb-source summary").first
    summary.wait_for(timeout=30_000)
    bot_message = page.locator(".message.bot, [data-testid='bot']").last
    assert "[1]" in bot_message.inner_text()
    summary.click()
    details = page.locator(".tb-source").first
    assert details.evaluate("el => el.open")
    assert "《村务监督委员会：村民身边的监督力量》" in summary.inner_text()  # by title; the file is inside
    page.screenshot(path=str(tmp_path / "chat.png"))

    page.goto(server["url"] + "/trainer")
    page.locator("input[type='text'], input[name='username']").first.fill(TRAINER[0])
    page.locator("input[type='password']").first.fill(TRAINER[1])
    page.keyboard.press("Enter")
    page.get_by_text("培训师工作台").wait_for(timeout=30_000)
    page.get_by_text("已导入的材料").wait_for(timeout=10_000)


def test_trainer_authors_a_quiz_that_cadres_practise(server):
    from gradio_client import Client

    trainer = Client(server["url"] + "/trainer", auth=TRAINER, verbose=False)
    status, table, _ = trainer.predict(["disputes/people-mediation.md"], "", ["single_choice", "true_false"], 4,
                                       "应急练习", api_name="/quiz_generate")
    assert "生成 4 道题" in status and len(table["data"]) == 4
    table["data"][0][9] = "培训师改写的解析。"  # edit in place, then save
    saved, sets, _ = trainer.predict(table, "应急练习", api_name="/quiz_save")
    assert "已保存：应急练习" in saved and "4 题" in saved
    set_id = sets["data"][0][0]
    assert "已发布" in trainer.predict(api_name="/quiz_publish")[0]
    files = trainer.predict("xlsx", api_name="/quiz_export")
    assert files and files[0].endswith(".xlsx")

    broken = {**table, "data": [list(r) for r in table["data"]]}
    broken["data"][0][1] = "一个与原文无关的题干（    ）。"
    with pytest.raises(Exception) as err:
        trainer.predict(broken, "应急练习", api_name="/quiz_save")
    assert "未通过校验" in str(err.value)

    cadre = Client(server["url"], verbose=False)
    stem, *_ = cadre.predict("题库练习", set_id, api_name="/practice_start")
    assert "第 1 题 / 共 4 题" in stem
    feedback = ""
    for n, row in enumerate(table["data"]):
        response = f"A. {row[2]}" if row[0] == "单选题" else "正确"
        feedback = cadre.predict(response, [], "", api_name="/practice_submit")[0]
        assert ("回答正确" in feedback or "正确答案" in feedback) and "出处" in feedback
        if n == 0:
            assert "培训师改写的解析。" in feedback
        if n < 3:
            cadre.predict(api_name="/practice_next")
    assert "练习结束：共 4 题" in feedback
    _, _, stats = trainer.predict(set_id, api_name="/quiz_open")
    assert [row[1] for row in stats["data"]] == [1, 1, 1, 1]  # one attempt recorded per question
    assert stats["data"][0][0] == table["data"][0][1]  # the whole stem, not cut
    assert [row[4] for row in stats["data"]] == [1, 1, 1, 1]  # by a visitor (访客), shown apart

    # a script replaying attempts from one address counts ten times an hour, then no more
    answers = [f"A. {row[2]}" if row[0] == "单选题" else "正确" for row in table["data"]]
    feedback = ""
    for _ in range(10):
        cadre.predict("题库练习", set_id, api_name="/practice_start")
        for n, answer in enumerate(answers):
            if n:
                cadre.predict(api_name="/practice_next")
            feedback = cadre.predict(answer, [], "", api_name="/practice_submit")[0]
    assert "不计入培训师的统计" in feedback
    _, _, stats = trainer.predict(set_id, api_name="/quiz_open")
    assert stats["data"][0][1] == 10  # the first attempt above and nine of these


def test_cadres_cannot_practise_a_draft_or_skip_ahead(server):
    from gradio_client import Client

    trainer = Client(server["url"] + "/trainer", auth=TRAINER, verbose=False)
    _, table, _ = trainer.predict(["disputes/people-mediation.md"], "", ["true_false"], 2, "草稿题库",
                                  api_name="/quiz_generate")
    _, sets, _ = trainer.predict(table, "草稿题库", api_name="/quiz_save")  # saved, not published
    draft_id = next(row[0] for row in sets["data"] if row[1] == "草稿题库")
    cadre = Client(server["url"], verbose=False)
    with pytest.raises(Exception) as err:
        cadre.predict("题库练习", draft_id, api_name="/practice_start")
    assert "没有这套已发布的题库" in str(err.value)
    with pytest.raises(Exception) as err:
        cadre.predict(api_name="/practice_next")  # before any start: a Chinese message, not an IndexError
    assert "请先点击" in str(err.value) and "index" not in str(err.value)


def test_the_cadre_app_takes_no_uploads_and_serves_no_trainer_files(server):
    from gradio_client import Client

    upload = urllib.request.Request(server["url"] + "/gradio_api/upload", method="POST", data=b"--x--\r\n",
                                    headers={"Content-Type": "multipart/form-data; boundary=x"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(upload, timeout=10)
    assert err.value.code == 403
    trainer = Client(server["url"] + "/trainer", auth=TRAINER, verbose=False)
    _, table, _ = trainer.predict(["disputes/people-mediation.md"], "", ["true_false"], 2, "导出检查",
                                  api_name="/quiz_generate")
    trainer.predict(table, "导出检查", api_name="/quiz_save")
    exported = trainer.predict("md", api_name="/quiz_export")[0]
    assert Path(exported).is_file()  # the client downloaded it through the trainer app, with the login
    on_disk = next((server["data"] / "exports").glob("*.md"))
    assert http_status(f"{server['url']}/gradio_api/file={urllib.parse.quote(str(on_disk))}") == 403  # 导出检查-….md
    assert http_status(f"{server['url']}/gradio_api/file={server['data'] / 'trainer-bot.sqlite3'}") == 403


def test_a_login_flood_from_one_address_is_locked_with_a_chinese_message(tmp_path: Path, knowledge_index):
    import json
    import urllib.parse

    data = tmp_path / "data"
    shutil.copytree(knowledge_index, data)
    env = {"TRAINER_BOT_DATA_DIR": str(data), "TRAINER_BOT_ENGINE": "offline"}
    add_user(env, *TRAINER)
    with app_server(env) as app:
        def login(password: str) -> tuple[int, str]:
            body = urllib.parse.urlencode({"username": TRAINER[0], "password": password}).encode()
            request = urllib.request.Request(app.url + "/trainer/login", data=body, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as err:
                return err.code, err.read().decode()

        codes = [login(f"wrong-{i}")[0] for i in range(25)]
        assert codes[:5] == [400] * 5  # five free tries for the account
        assert codes[5] == 429  # then the account is locked, and the answer says so
        status, body = login(TRAINER[1])  # even the right password, until the wait is over
        assert status == 429 and "登录失败次数过多" in json.loads(body)["detail"]

        # a flood of sign-ins (locked: refused before any hashing) does not slow the cadres' chat
        from gradio_client import Client

        cadre = Client(app.url, verbose=False)

        def chat_seconds() -> float:
            start = time.perf_counter()
            cadre.predict("网格员的主要职责是什么？", api_name="/chat")
            return time.perf_counter() - start

        chat_seconds()  # warm
        quiet = statistics.median(chat_seconds() for _ in range(3))
        stop = threading.Event()

        def flood() -> None:
            while not stop.is_set():
                login("wrong")

        flooders = [threading.Thread(target=flood) for _ in range(8)]
        for t in flooders:
            t.start()
        try:
            busy = statistics.median(chat_seconds() for _ in range(3))
        finally:
            stop.set()
            for t in flooders:
                t.join(30)
        assert busy < 4 * quiet, (quiet, busy)
