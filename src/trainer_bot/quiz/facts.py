"""One fact tested once per set: what an item asks a learner to know, and when two items test the same thing."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..roles import misconception_pair, stated_belief
from .categories import category_of
from .figures import NUMBER, is_figure, magnitude, split_number
from .model import Question
from .pools import content_bigrams
from .readings import ABOUT, BLANKS, TOPIC_FRAME, as_quoted, changed_span, judges_misconception, norm

def tested_fact(q: Question) -> str:
    """What an item asks a learner to know: the key, the changed fact, or the listed items."""
    if q.type in ("single_choice", "multiple_choice") and q.options:
        return "、".join(q.options[i] for i in q.answer if 0 <= i < len(q.options))
    if q.type == "fill_blank":
        return q.answer[0]
    if judges_misconception(q):
        return misconception_pair(q.source.quote)[1]  # type: ignore[index]  # (what the learner must know instead)
    if q.type == "true_false" and q.answer is False:
        stem, quote = as_quoted(q.stem, q.source.quote), q.source.quote
        for pattern in (TOPIC_FRAME, ABOUT):  # (根据《…指南》，超过6个月的…: the change opens the quote, round 62)
            frame = pattern.match(stem)
            if frame and norm(frame.group()) not in norm(quote):
                stem = stem[frame.end():]
        opens = stem.find(quote[:4]) if len(quote) >= 4 else -1
        # (a topic or a label before the quoted sentence is no part of the change: 重点优抚对象医疗保障政策中，…)
        return changed_span(stem[opens:] if opens > 0 else stem, quote)[0]
    return ""


def _is_figure(text: str) -> bool:
    return is_figure(text) or category_of(text) == "数量"


_COUNTS = {"次", "人次", "批次", "倍", "人", "名", "户", "份", "轮", "个", "项", "类", "种", "条", "家", "所", "分", "步", "批"}


def _figure_values(text: str) -> set[tuple[float, str]]:
    """The figures a text states, as (amount, unit): 超过60日 → {(60, 日)}; 两年 and 2年 are one. Not counts of
    times or heads (每季度抽查一次, 每天只能报销1次 are two rules; round 62's sets lost half their items to them)."""
    out = set()
    for m in NUMBER.finditer(text):
        amount = magnitude(m.group())
        if amount is not None and m.group(2) not in _COUNTS:
            out.add((amount, m.group(2)))
    return out


def _corrects_the_same(misconception: Question, other: Question) -> bool:
    """``other`` is drawn from the section that corrects the misconception ``misconception`` judges: 「驱完虫马上赶回
    草场放牧」 (false) and 「驱虫后应当圈养（3至5天）」 from the section headed by that 误区 test one fact (rounds 72-78)."""
    if not judges_misconception(misconception) or other.source.quote == misconception.source.quote:
        return False
    pair = misconception_pair(misconception.source.quote)
    belief = stated_belief(norm(pair[0]))[:12] if pair else ""
    if len(belief) >= 6 and belief in norm(other.explanation):
        return True
    # (a section headed only 误区三 names no belief: the two 解析 cite the same section; round 89)
    sections = [re.search(r"“(误区[^“”]{0,40})”部分", q.explanation) for q in (misconception, other)]
    return bool(sections[0] and sections[1] and sections[0].group(1) == sections[1].group(1))


def _restates_the_correction(misconception: Question, other: Question) -> bool:
    """``other`` states the rule that corrects the misconception ``misconception`` judges, wherever in the paper it stands:
    「挂了牌的地方平时不能用」 (false; 正解：办法允许场所平时保持原有功能…) and 「场所平时可以保持原有使用功能…」 (round 98)."""
    if not judges_misconception(misconception) or judges_misconception(other):
        return False
    fix, said = content_bigrams(norm(tested_fact(misconception))), content_bigrams(norm(other.source.quote))
    return bool(fix and said) and len(fix & said) / min(len(fix), len(said)) >= 0.3


def same_fact(a: Question, b: Question) -> bool:
    """Two items test one fact: the same sentence, the same answer, or sentences that say much the same."""
    qa, qb = norm(a.source.quote), norm(b.source.quote)
    if qa in qb or qb in qa:
        return True
    about = [ABOUT.search(q.stem) for q in (a, b)]
    if about[0] and about[1] and about[0].group(1) != about[1].group(1):
        return False  # 关于一级（50—199人），… / 关于二级（200—499人），…: one rule per tier, alike in wording only
    ba, bb = content_bigrams(qa), content_bigrams(qb)
    overlap = len(ba & bb) / max(1, min(len(ba), len(bb)))
    if any(_corrects_the_same(m, other) or _restates_the_correction(m, other) for m, other in ((a, b), (b, a))):
        return True
    fa, fb = tested_fact(a), tested_fact(b)
    if a.source.source == b.source.source and not (fa or fb) and _figure_values(qa) & _figure_values(qb):
        # (the words around the shared figure, not the figure's own 个工作日内, say whether the rule is one)
        words = [content_bigrams(NUMBER.sub("，", q)) for q in (qa, qb)]
        if len(words[0] & words[1]) >= 0.3 * max(1, min(map(len, words))):
            return True  # 灶台离住房5米以上 / 搭灶距离住房不少于5米: one rule said twice in one paper, two true 判断 (round 77)
    if fa and fa == fb:
        return True  # the same answer twice in one set (枫桥经验 three times) reads as one question repeated
    if any(f and _is_figure(f) and norm(f) in norm(BLANKS.sub("", other.stem)) for f, other in ((fa, b), (fb, a))):
        return True  # one item's stem states the other's answer (a number or a date: 2024年修订 … 于（ ）修订)
    # a number asked in one item and stated in the other's sentence on the same matter (任期改为五年 / 由三年改为五年)
    if overlap >= 0.15 and any(split_number(f) and norm(f) in q for f, q in ((fa, qb), (fb, qa))):
        return True
    # a figure asked (or corrected) in one item and asked or stated in the other, whatever the wording around it: 户口迁移
    # 完成后（60日）内申请 and 超过30日未申请的… (60日) are one deadline (round 58); 静置（24小时） and 闭水试验改为（24小时）内
    # read as one again (round 60)
    if a.source.source == b.source.source and any(
            _figure_values(f) & (_figure_values(tested_fact(other)) | _figure_values(other.source.quote))
            for f, other in ((fa, b), (fb, a)) if f):
        return True
    # a term asked in one item and stated in the other's sentence on the same matter (自救互救; 属地管理 of 属地管理、
    # 分级负责), or among a 简答's points
    for f, other, other_quote in ((fa, b, qb), (fb, a, qa)):
        pieces = [p for p in f.split("、") if len(p) >= 3] if f else []
        other_stem = norm(BLANKS.sub("", other.stem))
        if any(norm(p) in other_quote or norm(p) in other_stem for p in pieces) and overlap >= 0.2:
            return True
        if other.type == "short_answer" and any(norm(p) in other_stem for p in pieces):
            return True  # 「…这就是“（ ）”」 with 诉访分离, and 「诉访分离有哪些要点？」
        if f and other.type == "short_answer" and norm(f) in other_quote:
            return True
    if "short_answer" in (a.type, b.type):
        return overlap >= 0.3  # a 简答 covers a section: a sentence saying much of it again is the same fact
    return overlap >= 0.4


def set_problems(questions: Sequence[Question], quality: bool = True) -> list[str]:
    """Set-level rules: no duplicate stems; one fact tested once (``quality``); true/false items not all one answer."""
    problems = []
    stems = Counter(norm(q.stem) for q in questions)
    if any(n > 1 for n in stems.values()):
        problems.append("有重复的题干")
    if quality and any(same_fact(a, b) for i, a in enumerate(questions) for b in questions[i + 1:]):
        problems.append("同一事实考了不止一次")
    judged = [q.answer for q in questions if q.type == "true_false"]
    if len(judged) >= 2 and len(set(judged)) == 1:
        problems.append("判断题的答案全部相同")
    return problems
