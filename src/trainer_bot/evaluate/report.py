"""Reports of a results file: a Markdown summary for the terminal, a self-contained HTML page
with charts (per-tag bars, latency distribution) and the failing cases with their answers."""

from __future__ import annotations

import html
import json

from .metrics import percentile

SUMMARY_METRICS = ("pass_rate", "hit@1", "hit@3", "hit@5", "mrr", "ndcg@5", "keyword_recall", "citation_validity",
                   "groundedness", "refusal_accuracy", "refusal_precision", "refusal_recall",
                   "latency_p50_ms", "latency_p95_ms", "judge_faithfulness", "judge_relevance")
TAG_METRICS = ("pass_rate", "hit@5", "keyword_recall", "refusal_accuracy")
LABELS = {"pass_rate": "通过率", "hit@1": "命中@1", "hit@3": "命中@3", "hit@5": "命中@5", "mrr": "MRR",
          "ndcg@5": "nDCG@5", "keyword_recall": "关键词召回", "citation_validity": "引用有效率",
          "groundedness": "有据率", "refusal_accuracy": "拒答准确率", "refusal_precision": "拒答精确率",
          "refusal_recall": "拒答召回率", "latency_p50_ms": "延迟 p50 (ms)", "latency_p95_ms": "延迟 p95 (ms)",
          "judge_faithfulness": "评审：忠实度", "judge_relevance": "评审：切题度"}


EXPLAIN = {  # one line per metric, for readers who are not evaluators
    "pass_rate": "回答完全合格（找对材料、说到要点、该拒答时拒答）的用例比例",
    "hit@5": "前 5 个检索片段里有应引用材料的用例比例（命中@1、@3 同理）",
    "mrr": "应引用材料排在第几位的倒数的平均值，越接近 1 越靠前",
    "ndcg@5": "前 5 个片段的排序质量，越接近 1 越好",
    "keyword_recall": "答案里出现的应答要点词占比",
    "citation_validity": "答案引用的编号确实对应所给片段的比例",
    "groundedness": "答案句子都能在所引片段里找到依据的比例",
    "refusal_accuracy": "该拒答的拒答、该回答的回答，判断正确的比例",
    "refusal_precision": "拒答的问题里确实该拒答的比例", "refusal_recall": "该拒答的问题里确实拒答了的比例",
    "latency_p50_ms": "一半的回答在这个时间内完成（毫秒）", "latency_p95_ms": "95% 的回答在这个时间内完成（毫秒）",
}
TAG_LABELS = {  # the tags of the bundled suites; a suite's own tags are shown as they are
    "unseen": "新材料", "heldout": "留出材料", "library": "材料库", "number": "数字与时限", "list": "列举", "paraphrase": "换种说法",
    "governance": "治理理念", "near_miss": "相近但材料未覆盖", "yesno": "能不能/是不是", "urban": "城市基层治理",
    "disputes": "矛盾纠纷化解", "definition": "概念", "howto": "怎么办", "multi_turn": "多轮追问", "autonomy": "基层自治",
    "emergency": "应急与安全", "out_of_scope": "超出材料范围", "rural": "乡村治理", "why": "为什么", "comparison": "比较与关系",
    "scenario": "情境", "keyword": "关键词", "conduct": "作风与减负", "welfare": "民生保障",
}


def tag_label(tag: str) -> str:
    return TAG_LABELS.get(tag, tag)


def _fmt(value) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}" if isinstance(value, float) and value > 1.5 else f"{value:.3f}"


def markdown_summary(results: dict, failures: list[str] | None = None) -> str:
    metrics = results["metrics"]
    failed = [c for c in results["cases"] if not c["passed"]]
    lines = [f"## 评测：{results['suite']}（{int(metrics['cases'])} 个用例，引擎 {results['config'].get('engine')}）", ""]
    if failures is not None:  # the verdict first, on its own: thresholds are on the suite, not on each case
        lines += ["**结论：达到全部门槛。**" if not failures else "**结论：未达到门槛** —— " + "；".join(failures),
                  f"（门槛针对整体指标；单个用例另计：{len(failed)} 个未通过，见文末。）" if failed else "", ""]
    lines += ["| 指标 | 数值 | 说明 |", "|---|---:|---|"]
    lines += [f"| {LABELS[k]} | {_fmt(metrics.get(k))} | {EXPLAIN.get(k, '')} |" for k in SUMMARY_METRICS if k in metrics]
    tags = results.get("metrics_by_tag", {})
    if tags:
        lines += ["", "| 标签 | 用例 | " + " | ".join(LABELS[k] for k in TAG_METRICS) + " |",
                  "|---|---:|" + "---:|" * len(TAG_METRICS)]
        for tag, m in tags.items():
            lines.append(f"| {tag_label(tag)} | {int(m['cases'])} | " + " | ".join(_fmt(m.get(k)) for k in TAG_METRICS) + " |")
    lines += ["", f"未通过的用例 {len(failed)} 个：" + ("、".join(c["id"] for c in failed) or "无")]
    return "\n".join(lines)


def _bars(title: str, values: dict[str, float | None], width: int = 640) -> str:
    rows = [(k, v) for k, v in values.items() if v is not None]
    height = 28 * len(rows) + 40
    parts = [f'<svg width="{width}" height="{height}" role="img" aria-label="{html.escape(title)}">',
             f'<text x="0" y="18" class="t">{html.escape(title)}</text>']
    for i, (label, value) in enumerate(rows):
        y = 32 + 28 * i
        bar = max(0.0, min(1.0, value)) * (width - 260)
        parts.append(f'<text x="0" y="{y + 15}">{html.escape(label)}</text>'
                     f'<rect x="170" y="{y}" width="{bar:.1f}" height="20" class="b"/>'
                     f'<text x="{176 + bar:.1f}" y="{y + 15}">{value:.3f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _histogram(latencies: list[float], width: int = 640, bins: int = 12) -> str:
    if not latencies:
        return ""
    top = max(latencies) or 1.0
    counts = [0] * bins
    for v in latencies:
        counts[min(bins - 1, int(v / top * bins))] += 1
    peak = max(counts)
    bar_w = (width - 40) / bins
    parts = [f'<svg width="{width}" height="190" role="img" aria-label="延迟分布">',
             '<text x="0" y="18" class="t">延迟分布（毫秒）</text>']
    for i, c in enumerate(counts):
        h = 130 * c / peak if peak else 0
        x = 20 + i * bar_w
        parts.append(f'<rect x="{x:.1f}" y="{160 - h:.1f}" width="{bar_w - 3:.1f}" height="{h:.1f}" class="b"/>'
                     f'<text x="{x:.1f}" y="178" class="s">{top * i / bins:.0f}</text>')
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    parts.append(f'<text x="{width - 220}" y="18">p50 {p50:.0f} ms · p95 {p95:.0f} ms</text></svg>')
    return "".join(parts)


def html_report(results: dict, failures: list[str] | None = None) -> str:
    metrics = results["metrics"]
    overall = {LABELS[k]: metrics.get(k) for k in SUMMARY_METRICS if not k.startswith("latency")}
    charts = [_bars("总体指标", overall)]
    for key in TAG_METRICS:
        by_tag = {tag_label(t): m.get(key) for t, m in results.get("metrics_by_tag", {}).items()}
        if any(v is not None for v in by_tag.values()):
            charts.append(_bars(f"按标签：{LABELS[key]}", by_tag))
    charts.append(_histogram([c["latency_ms"] for c in results["cases"]]))
    failed = [c for c in results["cases"] if not c["passed"]]
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class='a'>{}</td></tr>".format(
            html.escape(c["id"]), html.escape(c["question"]), html.escape("、".join(tag_label(t) for t in c.get("tags", []))),
            html.escape("、".join(c.get("expected_sources", [])) or ("应拒答" if c.get("should_refuse") else "")),
            html.escape("、".join(c["retrieved_sources"][:3])),
            ("【拒答】" if c["refused"] else "") + html.escape(c["answer"]).replace("\n", "<br>"))
        for c in failed)
    gate = ""
    if failures is not None:
        gate = "<p class='ok'>门槛全部达到</p>" if not failures else \
            "<p class='bad'>未达到门槛：" + html.escape("；".join(failures)) + "</p>"
    config = html.escape(json.dumps(results.get("config", {}), ensure_ascii=False))
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>评测报告 - {html.escape(results['suite'])}</title><style>
body{{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}}
svg text{{font-size:13px}} .t{{font-weight:bold}} .s{{font-size:10px;fill:#666}} .b{{fill:#e8742b}}
table{{border-collapse:collapse;width:100%}} td,th{{border:1px solid #ddd;padding:6px;vertical-align:top;font-size:13px}}
.a{{max-width:480px}} .ok{{color:#1a7f37}} .bad{{color:#c62828;font-weight:bold}} code{{font-size:12px;color:#555}}
</style></head><body>
<h1>评测报告：{html.escape(results['suite'])}</h1>
<p>{int(metrics['cases'])} 个用例，通过率 {_fmt(metrics.get('pass_rate'))}。</p>{gate}
{''.join(f'<div>{c}</div>' for c in charts)}
<h2>未通过的用例（{len(failed)}）</h2>
<table><tr><th>编号</th><th>问题</th><th>标签</th><th>期望</th><th>检索到</th><th>回答</th></tr>{rows}</table>
<h2>配置</h2><p><code>{config}</code></p>
</body></html>"""
