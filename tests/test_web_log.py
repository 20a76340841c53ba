"""The feedback loop on the real app: cadres' questions are logged, a 👎 clicked in Chromium is kept, the trainer
finds refused questions grouped as 知识缺口, turns one into an eval case that `trainer-bot eval run` runs, and
sees in 命中测试 which passages a question reaches and whether it would be refused."""

from __future__ import annotations

import json

from conftest import TRAINER
from servers import ask_in_browser, client
from test_cli import run


def test_logged_questions_become_gaps_and_eval_cases(server, tmp_path):
    cadre = client(server["url"])
    for question in ["火星基地的宇航员怎么种土豆？", "在火星上种土豆要注意什么？", "村务监督委员会的成员有什么限制？"]:
        cadre.predict(question, api_name="/chat")
    trainer = client(server["url"] + "/trainer", TRAINER)
    found, rows, _ = trainer.predict("土豆", "", "拒答", api_name="/log_search")
    assert "共 2 条" in found and {r[3] for r in rows["data"]} == {"火星基地的宇航员怎么种土豆？", "在火星上种土豆要注意什么？"}
    assert all(r[2] == "访客" and r[4] == "是" for r in rows["data"])
    _, answered, _ = trainer.predict("村务监督", "", "全部", api_name="/log_search")
    assert "village-affairs-supervision.md" in answered["data"][0][6]

    note, gaps = trainer.predict(api_name="/log_gaps")
    potato = next(g for g in gaps["data"] if "土豆" in g[0])
    assert potato[1] == 2 and "知识缺口" in note  # the two ways of asking are one gap

    entry = rows["data"][0][0]
    message = trainer.predict(entry, "网页测试", None, True, "", api_name="/log_to_case")
    assert "已加入评测集 网页测试.jsonl" in message
    suite = server["data"] / "eval-suites" / "网页测试.jsonl"
    case = json.loads(suite.read_text(encoding="utf-8").splitlines()[0])
    assert case["should_refuse"] is True and "土豆" in case["question"] and case["id"] == f"log-{int(entry)}"
    proc = run(server["data"], "eval", "run", str(suite), "--out", str(tmp_path / "r.json"))
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert result["cases"][0]["refused"] is True and result["cases"][0]["passed"] is True, proc.stdout

    verdict, hits = trainer.predict("村务监督委员会的成员有什么限制？", api_name="/hit_test")
    assert "判定材料能回答" in verdict and "village-affairs-supervision.md" in hits["data"][0][1]
    verdict, _ = trainer.predict("火星上怎么种土豆？", api_name="/hit_test")
    assert "将拒答" in verdict


def test_a_thumbs_down_clicked_in_the_browser_is_kept(browser, server):
    page = browser.new_page(locale="zh-CN")
    ask_in_browser(page, server["url"], "人民调解委员会由几个人组成？")
    page.get_by_role("button", name="踩").last.click()  # Gradio labels 👎 in the browser's language
    page.get_by_text("谢谢您的反馈").wait_for(timeout=10_000)
    trainer = client(server["url"] + "/trainer", TRAINER)
    _, rows, _ = trainer.predict("人民调解委员会由几个人组成", "", "👎 不满意", api_name="/log_search")
    assert len(rows["data"]) == 1 and rows["data"][0][5].startswith("👎")
