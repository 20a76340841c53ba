"""The interface as a cadre and a trainer meet it in a Chinese browser (Debian Chromium, locale zh-CN): no English
words outside an allow-list, a citation [n] that opens its footnote, footnote text with enough contrast, and a
delete that asks first."""

from __future__ import annotations

import re

from conftest import TRAINER
from servers import ask_in_browser

ALLOWED = {"PDF", "Word", "Excel", "Moodle", "GIFT", "XML", "JSON", "Markdown", "API", "MB", "CSV", "TSV", "ABD",
           "md", "txt", "html", "pdf", "docx", "xlsx", "csv", "LLM", "MRR", "nDCG"}


def english_words(page) -> set[str]:
    """ASCII words in the visible text, less the allow-list, file names and the trainer's account (data, not interface)."""
    text = page.evaluate("() => document.body.innerText").replace(TRAINER[0], "")
    text = re.sub(r"[\w\-/]+\.(md|txt|html|pdf|docx|xlsx|csv|jsonl|json)\b", "", text)  # file names
    text = re.sub(r"\b[0-9a-f]{12}\b", "", text)  # set ids
    # words only: a token with digits (an account such as grid1, an id) is data
    # and option letters (an answer ACD) are data too
    return {w for w in re.findall(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z\-']+(?![A-Za-z0-9_])", text)
            if w not in ALLOWED and not re.fullmatch(r"[A-H]+", w)}


def english_labels(page) -> set[str]:
    """Tooltips and screen-reader labels (title, aria-label) with English words outside the allow-list."""
    values = page.evaluate("""() => [...document.querySelectorAll('[aria-label], [title]')]
        .flatMap(el => [el.getAttribute('aria-label'), el.getAttribute('title')]).filter(Boolean)""")
    return {v for v in values if {w for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"<[^>]*>|\S+\.md", "", v))} - ALLOWED}


def contrast(page, selector: str) -> float:
    """WCAG contrast of an element's text colour against the first opaque background behind it."""
    return page.locator(selector).first.evaluate("""el => {
        const rgb = s => s.match(/[\\d.]+/g).map(Number);
        const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        let bg = null;
        for (let n = el; n && !bg; n = n.parentElement) {
            const c = rgb(getComputedStyle(n).backgroundColor);
            if (c.length < 4 || c[3] > 0.5) bg = c;
        }
        bg = bg || [255, 255, 255];
        const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05);
    }""")


def test_a_cadre_meets_chinese_and_citations_that_open(browser, server):
    page = browser.new_page(locale="zh-CN")
    ask_in_browser(page, server["url"], "村务监督委员会的成员有什么限制？")
    page.wait_for_timeout(500)
    footnote = page.locator("details.tb-source").first
    assert not footnote.evaluate("el => el.open")
    page.locator("a.tb-ref").first.click()
    page.wait_for_function("() => document.querySelector('details.tb-source').open", timeout=5_000)
    summary = footnote.locator("summary").inner_text()
    assert summary.startswith("[1] 《") and ".md" not in summary  # by title and section, not by file
    assert contrast(page, ".tb-source summary") >= 4.5
    assert english_words(page) == set()
    assert english_labels(page) == set()
    page.get_by_role("tab", name="练习").click()
    page.wait_for_timeout(500)
    assert english_words(page) == set() and english_labels(page) == set()


def test_a_trainer_meets_chinese_and_a_delete_that_asks_first(browser, server):
    page = browser.new_page(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page.goto(server["url"] + "/trainer/")
    assert english_words(page) == set()  # the sign-in page
    page.locator("input[type='text'], input[name='username']").first.fill(TRAINER[0])
    page.locator("input[type='password']").first.fill(TRAINER[1])
    page.keyboard.press("Enter")
    page.get_by_text("已导入的材料").wait_for(timeout=30_000)
    for tab in ["材料", "出题", "学员与班级", "问答记录", "评测"]:
        page.get_by_role("tab", name=tab, exact=True).click()
        page.wait_for_timeout(500)
        assert english_words(page) == set(), tab
        assert english_labels(page) == set(), tab
    page.get_by_role("tab", name="材料", exact=True).click()
    page.get_by_label("选择材料").click()
    page.get_by_role("option").first.click()
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="删除所选材料").click()
    page.get_by_text("已取消删除").wait_for(timeout=10_000)
    assert asked and "确定要删除材料" in asked[0]


def test_on_a_phone_the_chat_is_one_scrolling_page(browser, server):
    page = browser.new_page(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(server["url"] + "/")
    for question in ["村务监督委员会的成员有什么限制？", "人民调解委员会由几个人组成？", "什么是网格化管理？"]:
        box = page.locator("#tb-chat ~ * textarea, textarea").last
        box.fill(question)
        box.press("Enter")
        page.wait_for_function("n => document.querySelectorAll('#tb-chat details.tb-source').length >= n",
                               arg=1, timeout=30_000)
        page.wait_for_timeout(1500)
    inner = page.evaluate("""() => [...document.querySelectorAll('#tb-chat, #tb-chat *')].filter(el => {
        const s = getComputedStyle(el);
        return (s.overflowY === 'auto' || s.overflowY === 'scroll') && el.scrollHeight > el.clientHeight + 2;
    }).length""")
    assert inner == 0  # no box that scrolls inside the page
    assert page.evaluate("() => document.documentElement.scrollHeight") > 844  # the page itself scrolls
    footnote = page.locator("#tb-chat details.tb-source").last
    footnote.locator("summary").click()
    box = footnote.bounding_box()
    assert footnote.evaluate("el => el.open") and box["x"] >= 0 and box["x"] + box["width"] <= 390


def test_an_answer_streams_sentence_by_sentence(browser, server):
    page = browser.new_page(locale="zh-CN")
    page.goto(server["url"] + "/")
    page.evaluate("""() => { window.tbSeen = [];
        new MutationObserver(() => {
            const bots = document.querySelectorAll('#tb-chat .bot');
            const last = bots[bots.length - 1];
            if (last) window.tbSeen.push([performance.now(), last.innerText]);
        }).observe(document.body, {subtree: true, childList: true, characterData: true}); }""")
    box = page.get_by_placeholder("例如：村里两户因宅基地起了纠纷，该怎么调解？")
    box.fill("村务监督委员会的成员有什么限制？")
    box.press("Enter")
    page.locator(".tb-source summary").first.wait_for(timeout=30_000)
    seen = page.evaluate("() => window.tbSeen")
    partial = [(t, text) for t, text in seen if "。" in text and "来源" not in text]
    whole = next(t for t, text in seen if "来源" in text)
    assert len({text for _, text in partial}) >= 2  # the answer grew on the page, sentence by sentence
    assert whole - partial[0][0] >= 100  # over a visible time, not in one frame


def test_a_trainer_edits_one_question_beside_the_overview(browser, server):
    page = browser.new_page(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page.goto(server["url"] + "/trainer/")
    page.locator("input[type='text'], input[name='username']").first.fill(TRAINER[0])
    page.locator("input[type='password']").first.fill(TRAINER[1])
    page.keyboard.press("Enter")
    page.get_by_role("tab", name="出题", exact=True).click()
    page.get_by_role("button", name="生成题目").wait_for(timeout=30_000)
    page.get_by_role("button", name="生成题目").click()
    first_stem = page.locator("#tb-overview [data-testid=cell-0-2]")
    first_stem.wait_for(timeout=60_000)
    assert english_words(page) == set()
    overview, editor = page.locator("#tb-overview").bounding_box(), page.locator("#tb-item-editor").bounding_box()
    assert editor["x"] >= overview["x"] + overview["width"]  # beside the overview, not under it
    first_stem.click()
    stem = page.locator("#tb-item-editor textarea").first
    page.wait_for_function("s => document.querySelector('#tb-item-editor textarea').value.replace(/\\s+/g, '') === s",
                           arg=re.sub(r"\s+", "", first_stem.inner_text()), timeout=10_000)
    assert stem.input_value()
    page.locator("#tb-item-editor").get_by_label("答案").fill("Z")
    page.get_by_role("button", name="应用修改").click()
    page.locator("#tb-item-check").get_by_text("已应用修改").wait_for(timeout=10_000)
    assert "❌" in page.locator("#tb-item-check").inner_text()
    page.wait_for_function(
        "() => document.querySelector('#tb-overview [data-testid=cell-0-4]').innerText.includes('❌')", timeout=10_000)
    assert english_words(page) == set()
