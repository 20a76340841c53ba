"""Material roles at the level of a line, shared by the answer engine and the quiz generator.

A 常见误区 section pairs a misconception (「误区：……」) with its correction (「纠正：……」): the
misconception is never stated as true; the correction may be. List bullets (「- 」「1.」「（一）」) are
not part of what a line says. A line that asks (问：…？) states nothing.
"""

from __future__ import annotations

import re

# not 3.5米; a full-width 2．opens an item even before a figure (2．24小时内回头复查): no one writes a decimal so
BULLET = re.compile(r"^(?:[-*•·📌👉🔹🔸▶►☑⭐🔴🟢🟡🔵💡]\s*|\d+(?:\.(?!\d)|[．、)）])\s*|[（(][一二三四五六七八九十\d]+[)）]\s*|[①②③④⑤⑥⑦⑧⑨⑩]\s*)")
# (also as marks: × 中暑了赶紧灌冰水。→ 应少量多次饮用淡盐水)
_MISTAKE_MARK = r"(?:(?:误区|错误认识|错误做法|误解)[一二三四五六七八九十\d①②③④⑤⑥⑦⑧⑨]*[：:]|[×✗✘❌])"
_FIX_WORDS = r"(?:纠正|正解|正确做法|正确认识|正确理解|正确的做法是|事实上|实际上)[：:，,]"
MISTAKE = re.compile(rf"^{_MISTAKE_MARK}\s*")
FIX = re.compile(rf"^(?:{_FIX_WORDS}|[→√✓✔])\s*")
# a section of misconceptions, however titled (常见误区、这些做法不对、易错点)
MISCONCEPTION_SECTION = re.compile(r"误区|误解|错误做法|做法不对|不对的做法|常见错误|易错")
# a line that asks: a Q&A's question (问：…, 问3：…, Q:…) or a speaker's (啥叫“九小场所”？). It states nothing
ASKING_LINE = re.compile(r"^(?:问|Q)[\d一二三四五六七八九十]*\s*[：:]|[？?][”」]?\s*$")


def strip_bullet(unit: str) -> str:
    return BULLET.sub("", unit.strip())


# a quote that pairs a misconception with its correction (误区一：楼下漏水，肯定是楼上的责任：\n正解：漏水原因要先查清楚…)
_PAIR = re.compile(rf"^{_MISTAKE_MARK}\s*(?P<belief>.+?)[：:。；;]?\s*(?:[-*•·]\s*)?{_FIX_WORDS}\s*(?P<fix>.+)$", re.S)
# who holds a belief, before it (误区：有的干部认为村务公开只在年底搞一次就行): the belief is what follows
_HOLDS = re.compile(r"^(?:有人|不少人|很多人|有的(?:村干部|干部|群众|家长|人))?(?:认为|以为|觉得|总觉得|说)")


def misconception_pair(quote: str) -> tuple[str, str] | None:
    """(misconception, correction) when ``quote`` is a 误区 with its correction after it, else None."""
    m = _PAIR.match(strip_bullet(quote.strip()))
    return (m.group("belief").strip(), m.group("fix").strip()) if m else None


def stated_belief(belief: str) -> str:
    """A misconception as a statement to judge: without who holds it, its quotes or its closing stop."""
    stated = _HOLDS.sub("", belief.strip().strip("“”\"「」")).rstrip("。！!；;，, ")
    if stated.count("“") > stated.count("”"):
        stated += "”"  # 就等于给它“上了保险 → …“上了保险” (its closing quote was stripped with the belief's own; round 75)
    return stated
