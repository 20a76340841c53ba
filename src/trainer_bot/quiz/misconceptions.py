"""判断 items from a 常见误区 section: the misconception, stated as the material states it, is false.

A trainer who collects 误区/正解 material wants exactly this item: 「楼下漏水，肯定是楼上的责任。」 — 错误. The
misconception is never offered as a fact: it is the statement to be judged false, and the 解析 gives the correction.
The item's quote pairs the misconception with its correction as they stand in the material (the 误区 line or heading
and the 纠正/正解 after it), so that validation can check both against the source (:func:`misconception_pair`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Chunk
from ..roles import FIX, MISTAKE, stated_belief, strip_bullet
from ..split import chunk_units
from .model import TrueFalseQuestion, QuoteSource
from .pools import self_contained, topic_share, where_in
from .topics import subject_of, topic_frame


def misconception_items(chunk: Chunk) -> Iterator[tuple[TrueFalseQuestion, float]]:
    """A false 判断 for each misconception of the chunk that its correction follows."""
    topic = subject_of(chunk.title)
    for quote, belief, fix in _pairs(chunk):
        statement = stated_belief(belief)
        if not 6 <= len(statement) <= 60 or re.search(r"[？?]|我(?![国省市县区镇乡村])", statement) \
                or not self_contained(statement):
            continue
        # (a word of the topic is not the topic: 业委会盖章同意就行 is not said of 住宅改作经营性用房…同意, round 98)
        frame = topic_frame(topic) if topic and topic_share(topic, statement) < 0.5 else ""
        explanation = f"错误。这是材料指出的常见误区。正确的是：{fix}（依据{where_in(chunk)}）"
        yield TrueFalseQuestion(type="true_false", stem=f"{frame}{statement}。", answer=False, explanation=explanation,
                                source=QuoteSource(source=chunk.source, quote=quote)), 3.0


def _pairs(chunk: Chunk) -> Iterator[tuple[str, str, str]]:
    """(quote, misconception, correction): a 误区 heading with the 正解 that opens its section, or a 误区 line with
    the 纠正 line after it; the quote as the material has it (a heading is followed by ：, as in the source text)."""
    text = chunk.text
    units = [u.strip() for u in chunk_units(text) if u.strip()]
    heading = chunk.heading
    if MISTAKE.match(heading) and units and FIX.match(strip_bullet(units[0])):
        fix = _correction(text, units, 0)
        if fix:
            yield f"{heading}：\n{fix}", MISTAKE.sub("", heading), FIX.sub("", strip_bullet(fix))
    for i in range(len(units) - 1):
        if MISTAKE.match(strip_bullet(units[i])) and FIX.match(strip_bullet(units[i + 1])):
            start, fix = text.find(units[i]), _correction(text, units, i + 1)
            end = text.find(fix, start) if fix and start >= 0 else -1
            if end >= 0:
                yield text[start:end + len(fix)], MISTAKE.sub("", strip_bullet(units[i])), FIX.sub("", strip_bullet(fix))


def _correction(text: str, units: list[str], i: int) -> str:
    """The correction from unit ``i`` as the text has it: its first sentence, and the next when the first is short
    (纠正：时间很短。住在二层以上的，应就近躲避…) or grants part of the belief before the next corrects it (正解：可以。但是…)."""
    last = i
    first = FIX.sub("", strip_bullet(units[i]))
    follows = i + 1 < len(units) and not MISTAKE.match(strip_bullet(units[i + 1])) \
        and not FIX.match(strip_bullet(units[i + 1]))
    # (and when the first sentence grants part of the belief, 正解：可以挂，…。但是…: the correction is in the next)
    if follows and (len(first) < 15 or re.match(r"(?:是的|对|确实|没错|可以|能|有道理|不完全)", first)
                    or re.match(r"(?:但|但是|不过|然而|可是|只是)", units[i + 1].strip())):
        last = i + 1
    # (要分清楚两种情况。出土的…不能买卖。而祖传的…可以收藏: the case that corrects the belief comes last; round 72)
    if last == i + 1 and re.search(r"两种情况|分情况|分清楚", first) and last + 1 < len(units) \
            and re.match(r"(?:而|但|但是|不过|至于|另外)", units[last + 1].strip()):
        last += 1
    # (法律定了上限： then the limits, one a line: a correction never stops on the colon that announces it; round 76)
    while units[last].rstrip().endswith(("：", ":")) and last + 1 < len(units) and last - i < 6 \
            and not MISTAKE.match(strip_bullet(units[last + 1])) and not FIX.match(strip_bullet(units[last + 1])):
        last += 1
        while last + 1 < len(units) and units[last].rstrip().endswith(("；", ";")) and last - i < 6:
            last += 1
    start = text.find(units[i])
    # (and the next sentence of its line while the whole stays short: 正解：拆解时的摩擦可能引燃火药。…一律不准私自拆解。 —
    # the first sentence gave the reason, the next the rule; round 91's graders wanted the rule)
    if last == i and last + 1 < len(units) and start >= 0 and not re.search(r"上面|上述|前面|以上|下面|如下", units[last + 1]) \
            and not MISTAKE.match(strip_bullet(units[last + 1])) and not FIX.match(strip_bullet(units[last + 1])):
        end = text.find(units[last + 1], start)
        if end >= 0 and "\n" not in text[start:end] and end + len(units[last + 1]) - start <= _LONGEST:
            last += 1
    end = text.find(units[last], start) if start >= 0 else -1
    return text[start:end + len(units[last])] if end >= 0 else ""


_LONGEST = 120  # characters of a correction the 解析 gives whole
