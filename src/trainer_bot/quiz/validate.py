"""Validation that every quiz item passes before anyone sees it, whichever engine made it.

Each rule returns ``None`` when the item passes, or a short reason (Chinese, shown to trainers).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from collections.abc import Callable, Iterator, Sequence

from ..roles import misconception_pair, stated_belief
from .categories import BODY, MATTER, MEETING, category_of, glossary_categories, is_bare_measure
from .model import LETTERS, Question
from .offline import BLANK, FILL
from .pools import content_bigrams, gives_away, noun_phrase, self_contained, verb_led
from .statements import _pos
from .figures import NUMBER, cn_to_int, dates_consistent, is_figure, magnitude, split_number
from .terms import find_terms, same_thing, word_bounds

_ALL_OR_NONE = re.compile(r"以上(都|均|全)(对|不对|正确|不正确|错误|是|不是)|以上皆(是|非)")
_BLANKS = re.compile(r"（\s*）|\(\s*\)|_{2,}")
_TEMPLATE_STEM = re.compile(r"请简述《.*》中.*部分的要点")
_POINT = re.compile(r"^\s*\d+[.、．)）]\s*")
_FLIPS = {("不得", "可以"), ("禁止", "允许"), ("应当", "不必"), ("必须", "不必"), ("可以", "不得"), ("应当", "不得"),
          ("不得", "应当"), ("允许", "禁止"), ("必须", "不得")}


def judges_misconception(q: Question) -> bool:
    """A false 判断 whose stem is a misconception the quote pairs with its correction (see :mod:`.misconceptions`):
    grounded as false by the material itself, and the misconception is not stated as a fact."""
    pair = misconception_pair(q.source.quote) if q.type == "true_false" and q.answer is False else None
    if pair is None:
        return False
    belief = stated_belief(_norm(pair[0]))  # (as the generator states it: see :mod:`.misconceptions`)
    return len(belief) >= 6 and belief in _norm(q.stem)


def _norm(text: str) -> str:
    """Text as compared with the material: no whitespace, and a table's cell bar read as the colon a stem gives it."""
    return re.sub(r"\s+", "", text).replace("｜", "：").replace("|", "：")


def _filled(stem: str, parts: Sequence[str]) -> str:
    """The stem with its blank(s) replaced by ``parts`` joined with 、."""
    return _BLANKS.sub(lambda _: "、".join(parts), stem, count=1)


def quote_is_verbatim(q: Question, source_text: str) -> str | None:
    if not q.source.quote.strip():
        return "缺少出处原文"
    if _norm(q.source.quote) not in _norm(source_text):
        return "出处原文与材料不一致"
    return None


def key_supported(q: Question) -> str | None:
    quote = _norm(q.source.quote)
    stem = as_quoted(q.stem, q.source.quote)
    if q.type in ("single_choice", "multiple_choice"):
        keys = [q.options[i] for i in q.answer if 0 <= i < len(q.options)]
        if len(keys) != len(q.answer):
            return "答案序号超出选项范围"
        if not all(_norm(k) in quote for k in keys):
            return "正确选项在出处原文中找不到"
        if q.type == "single_choice" and _norm(_filled(stem, keys)) not in quote:
            return "把答案填回题干后与原文不符"
    elif q.type == "fill_blank":
        if not any(_norm(_filled(stem, [a])) in quote for a in q.answer):
            return "把答案填回题干后与原文不符"
    elif q.type == "true_false":
        stated = _norm(stem) in quote
        if q.answer is True and not stated:
            return "判断为“正确”，但题干不是原文的陈述"
        if q.answer is False and not judges_misconception(q):
            if stated:
                return "判断为“错误”，但题干正是原文的陈述"
            if not _swapped_term_absent(stem, q.source.quote):
                return "判断为“错误”，但改动后的说法在原文中也成立"
    elif q.type == "short_answer":
        points = answer_points(q.answer)
        if not all(_norm(p) in quote for p in points):
            return "参考答案不是出处原文"
    return None


def as_quoted(stem: str, quote: str) -> str:
    """The stem as its quote has it: a list item's stem ends with 。 where the item in the list ended without one."""
    return stem[:-1] if stem.endswith("。") and not quote.rstrip().endswith("。") else stem


def with_source_in_explanation(q: Question) -> Question:
    """Any engine's or a trainer's item: the 解析 ends with the quoted rule when it does not already give it."""
    if q.type == "short_answer" or _norm(q.source.quote) in _norm(q.explanation) or (
            judges_misconception(q) and _norm(misconception_pair(q.source.quote)[1]) in _norm(q.explanation)):  # type: ignore[index]
        return q
    return q.model_copy(update={"explanation": f"{q.explanation.rstrip()}（原文：{q.source.quote}）".lstrip()})


def answer_points(reference: str) -> list[str]:
    """The numbered points of a 简答 reference answer (the whole text when it is not numbered)."""
    lines = [line for line in reference.splitlines() if line.strip()]
    lead = lines[:1] if len(lines) > 2 and re.search(r"[：:]$", lines[0]) and not _POINT.match(lines[0]) else []
    items = lines[len(lead):]  # 不得有下列行为：\n1. …: the lead-in the points are items of, then the points
    if len(items) > 1 and all(_POINT.match(line) for line in items):
        return [*lead, *(_POINT.sub("", line).strip() for line in items)]
    return [reference]


def _changed_span(stem: str, quote: str) -> tuple[str, str]:
    """(the quote's span, the stem's span) where a one-change statement differs from its quote, widened to
    the whole term it falls in (十八周岁 → 十九周岁, not 八 → 九)."""
    prefix = 0
    while prefix < min(len(stem), len(quote)) and stem[prefix] == quote[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(stem), len(quote)) - prefix and stem[-1 - suffix] == quote[-1 - suffix]:
        suffix += 1
    start, end = prefix, len(quote) - suffix
    for term in find_terms(quote, glossary_categories()):
        if term.start <= start and end <= term.end and term.end - term.start > end - start:
            start, end = term.start, term.end
            break
    else:  # not inside a known term: widen to whole words (调解员 → 网格员, not 调解 → 网格)
        bounds = sorted(word_bounds(quote))
        if start < end:
            start = max(b for b in bounds if b <= start)
            end = min(b for b in bounds if b >= end)
    shift = len(stem) - len(quote)
    return quote[start:end], stem[start:end + shift]


def _swapped_term_absent(stem: str, quote: str) -> bool:
    """A false statement differs from its quote in one span, and the stem's span is not in the quote."""
    original, changed = _changed_span(stem, quote)
    return bool(changed) and bool(original) and changed not in quote


def choice_rules(q: Question) -> str | None:
    if q.type not in ("single_choice", "multiple_choice"):
        return None
    options = q.options or []
    beyond = [LETTERS[i] if 0 <= i < len(LETTERS) else str(i) for i in q.answer if not 0 <= i < len(options)]
    if beyond and options:
        return (f"答案中的 {'、'.join(beyond)} 没有对应的选项（本题只有 {len(options)} 个选项，"
                f"A 到 {LETTERS[len(options) - 1]}）")
    if len(options) < 3:
        return "选项少于 3 个"
    if len({_norm(o) for o in options}) != len(options) or any(not o.strip() for o in options):
        return "选项有重复或为空"
    rest = _BLANKS.sub("", q.stem)
    if q.type == "single_choice" and any(i not in q.answer and _figure_restated(o, rest) for i, o in enumerate(options)):
        return "干扰项就是题干里给出的数值，可能同样正确"  # 质保期不少于2年 … （两年） (round 60)
    if any(_ALL_OR_NONE.search(o) for o in options):
        return "不得使用“以上都对/以上都不对”类选项"
    if any(re.match(r"^[A-Fa-f][.．、]", o) for o in options):
        return "选项不应带 A. 前缀"
    keys = set(q.answer)
    if q.type == "single_choice" and len(keys) != 1:
        return "单选题必须恰好一个正确选项"
    if q.type == "multiple_choice" and (len(keys) < 2 or len(keys) == len(options)):
        return "多选题须有至少 2 个正确选项和至少 1 个错误选项"
    quote = _norm(q.source.quote)
    wrong = [o for i, o in enumerate(options) if i not in keys]
    if any(_norm(o) in quote for o in wrong):
        return "有干扰项在出处原文中出现，可能也是正确答案"
    if any(same_thing(a, b) for i, a in enumerate(options) for b in options[i + 1:]):
        return "选项中有同一事物的两个名称"
    lengths = [len(o) for o in options]
    if max(lengths) > 3 * min(lengths) + 2:
        return "选项长短相差过大"
    has_digit = [bool(re.search(r"\d", o)) for o in options]
    if any(has_digit) and not all(has_digit):
        return "选项形式不一致（有的含数字，有的不含）"
    return None


def stem_rules(q: Question) -> str | None:
    if q.type in ("single_choice", "multiple_choice", "fill_blank") and not _BLANKS.search(q.stem):
        return "题干缺少空位"
    if q.type == "true_false" and (BLANK in q.stem or FILL in q.stem):
        return "判断题题干不应有空位"
    if re.search(r"[（(]\s*(?:（\s*）|_{2,})\s*[)）]|[（(]\s*(?:（\s*）|_{2,})\s*前\s*[)）]", q.stem):
        # 3年（（    ））、审核（______）、摸底报名（（    ）前）: a bracket's note, or a heading's, is no rule to recall
        return "空位在括号注释里，题干读不通"
    if re.search(r"(?:（\s*）|_{2,})\s*[（(][^）)]*[\d一二三四五六七八九十两]", q.stem):
        return "空位后的括号注释说出了答案"  # 不超过（    ）（36个月）: the note restates the key
    return None


def stem_has_content(q: Question) -> str | None:
    """More than the blank: a learner must see what is asked (judged on the whole stem, its topic and lead-in too)."""
    blank_first = bool(re.match(r"^(?:[^：:]{0,20}[：:])?\s*(?:（\s*）|_{2,})", q.stem))  # what the rest is about is blanked
    if len(re.findall(r"[\u4e00-\u9fff]", _BLANKS.sub("", q.stem))) < (8 if blank_first else 6):  # （ ）时间不少于7天
        return "题干内容太少，看不出问的是什么"
    return None


def _key_text(q: Question) -> str | None:
    if q.type == "single_choice":
        return q.options[q.answer[0]] if q.options and q.answer else None
    if q.type == "fill_blank":
        return q.answer[0]
    return None


def stem_self_contained(q: Question) -> str | None:
    """A stem a learner understands on its own: no dangling 其/该法, no 「请简述《…》中“…”部分的要点」."""
    if q.type == "short_answer":
        if _TEMPLATE_STEM.search(q.stem) or not q.stem.rstrip().endswith(("？", "?")):
            return "简答题题干应是一个完整的问题"
        return None
    if re.search(r"我(?:所(?!在|说|知|讲|有|以)|院|站|局|中心|镇|乡|街道|们(?:卫生院|医院|所|站|单位|中心))|本(?:院|所|站|校|中心|公告|分局|局)(?![长面])",
                 q.stem):
        return "题干里的“我所”“本院”是写材料的单位自称，学员不知道指谁"
    if len(re.findall(r"[（(][一二三四五六七八九十][)）]", q.stem)) >= 2 and not re.search(r"[：:]\s*[（(]一[)）]", q.stem):
        return "题干是一串编号条目（（一）…；（二）…），没有说它们是什么的清单"  # (round 74: 可以申报的单位)
    if q.type == "true_false" and "有没有" in q.stem:
        return "题干是一句检查时的问话（有没有悬挂……），不是可判断真假的说法"  # (round 64: a checklist's item)
    if re.search(r"供[^，。；]{2,30}(?:使用|参考|学习|阅读)[。]?$", q.stem):
        return "题干是材料说自己给谁用（供……使用），不是要记的规定"  # (round 76)
    if re.search(r"您|有没有注意过|你(?:们)?(?:有没有|知道|注意)", q.stem):
        return "题干是对读者说的话（可您有没有注意过……），不是要记的规定"  # (round 60)
    if _TOLD.match(q.stem):
        return "题干是背景叙述（近两年，……；一年多来，……），不是要记的规定"
    about = re.search(r"(?:^|，)关于([^，。：]{1,20})，", q.stem)
    if about and re.search(r"^[\d.\s]+$|^(?:方式|方法|步骤|办法|渠道|途径|情形|第)[一二三四五六七八九十\d]+$|划重点|小贴士|温馨提示|"
                           r"^(?:操作方法|具体做法|办理方法|办理方式|操作步骤|有关规定|基本要求|注意事项|其他)$|"  # (round 64)
                           r"^(?:适用范围|适用对象|使用说明|填表说明|说明|备注)$|"  # (round 74: 关于适用范围，每个台区一份…)
                           r"^(?:以下|下列|如下|上述|但是|但|不过|另外|此外|同时|还有)|(?:为|是|如下|包括|由)$|"
                           r"这个|那个|已经|了$|我|这里",  # 关于这个县里已经定了，关于这里我定个时间， (a clause, rounds 59-60)
                           about.group(1)):  # 关于农村集中供水价格为，关于但是有个前提，
        return "题干以一个编号或标签（关于10、关于方式二）开头，看不出说的是什么"
    if q.type == "true_false" and re.search(r"(?:有|分为?|包括)[一二三四五六七八九十两\d]+(?:个|种|条|项|类|大)[\u4e00-\u9fff]{0,6}[：:]"
                                           r"[^；;]+[。]?$", q.stem):
        return "题干是列举的引导语加其中一项（有四个渠道任选：……），不成判断"  # (round 62)
    body = _TOPIC_FRAME.sub("", q.stem, count=1)
    if re.match(r"(?:仍|仍然|还是|又|再次|过了|逾期|届时|到期后?|超过时限|拒不改正|拒不整改|拒不配合|不配合|拒绝|"  # (round 75)
                r"(?:不满|未满|满|超过)[\d一二两三四五六七八九十半]+(?:个)?(?:年|月|日|天|周|个工作日))"
                r"[^，。；]{0,10}的，", body):
        # 仍无回应的，…; 过了15日没有提出的，…; 不满1年的，…: the case continues a sentence the learner cannot see (round 63)
        return "题干以一个承接上文的条件开头（仍无回应的、过了15日没有提出的），看不出说的是谁、什么事"
    if q.type == "true_false" and re.fullmatch(r"[^，。；：:是]{4,}的[。；;]?", q.stem):
        return "题干只是一条条件（……的），缺了它所属的规定，不成判断"  # 连续2个月无人打理的。: of which list?
    if re.search(r"的[。；;]$", q.stem) and not re.search(r"[：:是指]", q.stem):
        # 同一块水表在（ ）内已经校验过且结果合格，又没有新的异常情况的。: an item of 不予受理的情形, cut from it (round 61)
        return "题干只是一条条件（……的），没有说满足它会怎样，单独看不明白"
    if q.type == "true_false" and _no_predicate(body):
        return "题干只是一个名词短语（清单里的一项、表格的一行），没有说什么，不成判断"
    if not self_contained(_BLANKS.sub("", q.stem)):
        return "题干依赖上下文（其、该法、这些……），单独看不明白"
    if re.match(r"[^，。；]{0,6}?(?:第[二三四五两2-5]次[^，。；]{0,6}|(?:大面积|小面积|较大|较小|较重|较轻|严重|轻微)[^，。；]{0,4}|"
                r"(?:无法|不能|未能)(?:排除|解决|处理|修复|联系上?|确定|查清|到场)|(?:距离|路程|路途)?较远|拿不准|临时急用|"
                r"情节(?:严重|较轻|轻微)|(?:不会|不懂|不熟悉|不方便)(?:操作|使用|上网|填写|填报))的，", body):
        # 无法排除的，当天报乡镇水利站; 同一年内第二次发现的，扣减…; 拿不准的，先电话咨询: the case is one of several the
        # sentences before set out, on a matter they name (graded 61% bad over rounds 32–82)
        return "题干以承接上文的一种情形开头（无法排除的、第二次发现的、拿不准的），没说是什么事的哪种情形"
    if re.match(r"(?:可以|不可以|可|能|不能|行|不行|是的?|不是|对|不对|不用|不需要|需要|要|不要|算|不算|会|不会)[，,。！!]", body):
        # 可以，但租赁合同期限不得少于5年: the answer to a question the learner cannot see (round 72)
        return "题干以一句答话（可以，但……）开头，缺了它回答的问题"
    if re.match(r"(?:条件|标准|要求|办法|期限|范围|对象|方式|原则|前提|时间)(?:是|为)", body):
        # 条件是连片面积100亩以上: the condition of what? (round 72)
        return "题干以“条件是”“标准是”一类开头，没说是什么的条件、标准"
    if re.match(r"(?:发现|收到|接到|完成|确认|核实|办结|到期|验收)(?:后|以后|之后)", body):
        # 发现后必须立即停用; 收到后3日内启动: found or received what? (rounds 66, 67)
        return "题干以“发现后”“收到后”一类开头，没说发现、收到的是什么"
    return None


def _no_predicate(stem: str) -> bool:
    """A statement that says nothing of what it names: every clause is a condition (……的) or a noun phrase (营业执照复印件
    （…）。; 班次为提升班的，已开网店且…1万元以上的经营者。), as a materials list's item or a table's row is (round 59)."""
    text = re.sub(r"[（(][^（）()]*[)）]", "", stem).rstrip("。；; ")
    said = [c for c in re.split(r"[，,；;]", text) if c.strip() and not c.endswith("的")]  # (…的: a condition)
    if not said:
        return False
    for clause in said:
        if _PREDICATE.search(clause):
            return False
        words = _pos(clause.rsplit("的", 1)[-1])
        if not words or not words[-1][1].startswith("n") or any(tag.startswith("v") and tag != "vn" for _, tag in words):
            return False
    return True


_PREDICATE = re.compile(r"是|为|可以|可|应|须|需|必须|不得|不|由|会|能|有|在|要|按|给予|实行|负责|禁止|严禁|包括|属于")


# a sentence that opens by telling what has happened (近两年，不少老小区…; 一年多来，我们在走访中发现…)
_TOLD = re.compile(r"^(?:(?:近|最近|过去|这|前)(?:[一二两三四五六七八九十几\d]+|半)(?:个)?(?:年|月|周|天)(?:多)?(?:来|以来)?|"
                   r"(?:[一二两三四五六七八九十几\d]+|半)(?:个)?(?:年|月)(?:多)?(?:来|以来)|"
                   r"(?:今年|去年|近年|多年)(?:来|以来)|这些年|前些年|前几天|前段时间)[，,]")
_SPAN_OF_TIME = r"[\d一二两三四五六七八九十几半]+(?:个)?(?:年|月|周|天|日|星期|小时)"


def _narrative_time(before: str, value: str, after: str) -> bool:
    """A span of time that tells the story, not a rule: 两年来、近两年，…、前两天、秋收那两周、臭了三年、两个月又臭了 (but
    近3年内 is a condition)."""
    return bool(re.fullmatch(_SPAN_OF_TIME, value)) and bool(re.match(r"\s*(?:多|余)?(?:来|以来)|\s*(?:又|就又|后又)", after)
                                                       or before.endswith("了") or (
        re.search(r"(?:(?:^|[，。；：])(?:近|最近|前|过去)|那|这)$", before) and not re.match(r"\s*(?:内|以内|之内)", after)))


_COUNTED = r"[\d一二两三四五六七八九十百千万约余多]+(?:个|名|户|人|家|处|所|座|辆|只|头|条|亩|万人|万户)"


def _background_count(before: str, value: str) -> bool:
    """How many there are now, not a rule (全县约9860人、目前登记在册的留守儿童有…、全镇共有42家): a count of people, households
    or places the material reports (round 57)."""
    return bool(re.fullmatch(_COUNTED, value)) and bool(
        re.search(r"(?:全县|全镇|全区|全市|全乡|全村|全街道|辖区|目前|现有|现在|截至[^，。]{0,12}|登记在册|摸排|统计|累计)"
                  r"[^，。；]{0,16}(?:约|共|共有|有|达|为|总计|合计)?$", before))


def blank_worth_testing(q: Question) -> str | None:
    """The blank is on a fact, not on a bare measure word or a word the stem repeats."""
    key = _key_text(q)
    if key is None:
        return None
    bare = key.strip("《》“”")
    if is_bare_measure(bare, before_blank(q.stem)) or len(bare) < 2:
        return "空位只是量词或单字，不值得考"
    before, _, after = _BLANKS.sub("\x00", q.stem, count=1).partition("\x00")
    if _narrative_time(before, bare, after):
        return "空位是叙述里的时间（两年来、近两年、前两天），不是要记的规定"
    if _background_count(before, bare):
        return "空位是背景统计数字（全县约9860人），不是要记的规定"
    if len(bare) >= 3 and (bare[-1] in "仍也就都还才又再却" or re.search(r"(?:或者|或|以及|及|和|并且|并)$", bare)):
        return "答案截断了词语，带进了后面的虚词"  # （家属仍）需…, （法院起诉或者）…: the key is cut
    if re.fullmatch(r"一个?(?:月|天|日|周|年|季度|星期)", bare) and re.search(r"(?:最后|头|前|后|第|当|这|那)$", before):
        return "空位是“最后一个月”一类固定说法里的“一个月”，不是要记的数值"  # 最后（一个月）的20日 (rounds 79, 81)
    if re.fullmatch(r"(?:参加|有关|相关|工作|在场|经办)(?:人员|单位|部门)|其他人|其他人员|他人|别人|外人|任何人", bare):
        return "空位是“参加人员”一类泛称，不值得考"  # 形成踏勘记录，由（参加人员）签字 (round 83)
    if q.type == "fill_blank" and re.fullmatch(r"[一1]次", bare):
        return "空位是“一次”，凭语感就能填出"  # 每季度核查______: the period is the fact, once the default
    if bare in _BLANKS.sub("", q.stem):
        return "答案在题干其他位置重复出现"
    # a definition repeats the kind of thing it defines (外来入侵植物，是指……的植物): the head noun tells nothing
    defines = re.match(r"^(?:所谓)?(?:（\s*）|_{2,})[”\"]?[，,]?(?:是指|指的是)", q.stem) and len(bare) >= 4
    if gives_away(bare[:-2] if defines else bare, _BLANKS.sub("", q.stem)):
        return "题干泄露了答案（与答案共用关键字）"
    return None


def options_same_category(q: Question) -> str | None:
    """Every option names the same kind of thing as the key; numbers keep the unit, dates their order."""
    if q.type != "single_choice" or not q.options:
        return None
    key = q.options[q.answer[0]]
    category = category_of(key)
    others = [o for i, o in enumerate(q.options) if i != q.answer[0]]
    specific = {category_of(o) for o in q.options} - {MATTER}
    known = glossary_categories()
    if len(specific) > 1 or (category != MATTER and any(known.get(o.strip("《》“”")) == MATTER for o in others)):
        return "干扰项与正确答案不是同一类事物"
    if (_names_a_thing(key) and any(_is_action(o) for o in others)) or (
            _is_action(key) and any(_names_a_thing(o) for o in others)):
        # 公示期间收到反映的，由（镇指导组 / 拒绝观察员进入投票站）核实; 由议长（主持会议 / 全体会议）
        return "选项里有的是做法、有的是机构或事物，不是同一类"
    unit = split_number(key)
    if unit and any((split_number(o) or ("", ""))[1] != unit[1] for o in others):
        return "数字选项的单位不一致"
    if category == "日期" and not all(dates_consistent(key, o, _BLANKS.sub(key, q.stem)) for o in others):
        return "日期选项与题干中其他日期的先后矛盾"
    return None


# what an option that is a doing opens with, where the tagger reads the whole as one noun (主持会议)
_DOING = re.compile(r"^(?:主持|召开|组织|负责|拒绝|联系|开展|提交|签订|报送|审核|审查|批准|协调|监督|参加|参与|进行|开具|办理|"
                    r"制定|公示|通知|上报|报告|申请|登记|收取|发放|张贴)(?=[\u4e00-\u9fff]{2})")


def _is_action(text: str) -> bool:
    return bool(_DOING.match(text)) or (len(_pos(text)) >= 2 and verb_led(text))


def _names_a_thing(text: str) -> bool:
    words = _pos(text)
    return bool(words) and words[0][1][0] in "njs" and words[-1][1][0] in "nj" and not split_number(text) \
        and len(text) >= 3 and not _is_action(text)


def false_statement_fair(q: Question) -> str | None:
    """A false 判断 changes one fact to a same-kind value, or flips the rule the source states."""
    if q.type != "true_false" or q.answer is not False or judges_misconception(q):
        return None
    original, changed = _changed_span(as_quoted(q.stem, q.source.quote), q.source.quote)
    if (original, changed) in _FLIPS:
        return None
    at = q.source.quote.find(original)
    if original and at >= 0 and _narrative_time(q.source.quote[:at], original, q.source.quote[at + len(original):]):
        return "改动的是叙述里的时间（两年来、近两年），不是要记的规定"
    if original and at >= 0 and _background_count(q.source.quote[:at], original):
        return "改动的是背景统计数字（全县约9860人），不是要记的规定"
    if original and at >= 0 and re.search(r"[（(]$", q.source.quote[:at]) and \
            re.match(r"[)）]", q.source.quote[at + len(original):]) and category_of(original) != "数量":
        # 乡镇人民政府（街道办事处） → （业主委员会）: the bracket names the same body where there is no township (round 83)
        return "改动的是括号里对应的另一种叫法（乡镇人民政府（街道办事处）），不是要记的规定"
    kinds = {_body_kind(original), _body_kind(changed)} if original and changed else set()
    if "" not in kinds and "place" in kinds and len(kinds) == 2:
        # 村级电商服务站 → 村务监督委员会: a council put where a service point books a cold store (round 83; a council for
        # an office, 街道办事处 → 居民委员会, is a fair change: graded 0 of 8 place swaps good)
        return "改动后的机构与原来的不是一类（服务站点换成了委员会），凭常识就能判错"
    after = q.source.quote[at + len(original):] if original and at >= 0 else ""
    if original and at >= 0 and re.match(r"(?:广场|门口|大院|院内|会议室|门前|旁边|对面|楼下)", after):
        # 在村委会广场设置回收点 → 村务监督委员会广场: a place named after the body, no rule about who (round 86)
        return "改动的是地点名称里的机构（村委会广场），不是要记的规定"
    if original and at >= 0 and (re.match(r"[一二三四五六七八九十两\d]+[块元个]", after) or
                                 re.search(r"[一二三四五六七八九十两\d]+[块元个]$", q.source.quote[:at])):
        # 兜里揣着三块五块钱 → 一块五块: a loose pair of figures says "a few", not a fact (round 86)
        return "改动的是“三块五块”一类约数，不是要记的规定"
    new, old_value = magnitude(changed or ""), magnitude(original or "")
    if new is not None and old_value is not None and new < old_value and re.match(r"(?:个工作日|工作日|日|天|小时|个月|周|年)?(?:以内|之内|内)均?(?:未|没有|没|无人)", after):
        # 7个工作日内均未申请 → 5个工作日内: still true (round 86)
        return "改小后的说法仍然成立（7日内均未申请，5日内自然也未申请），不能判为错误"
    once = re.fullmatch(r"一个?(月|天|日|年|周|季度)", original or "")
    if once and at >= 0 and (re.search(rf"按{once.group(1)}|每{once.group(1)}", q.source.quote) or (
            once.group(1) in "天日" and re.search(r"即\d{1,2}月\d{1,2}日、", q.source.quote[at:]))):
        # 按月装订，一个月凭证较多的 → 两个月; 每季度最后一天，即3月31日、6月30日… → 三天 (round 84)
        return "改动的“一个月”“一天”与句中的“按月”或所列的日子对不上，凭语句就能判错"
    if original and at >= 0 and _counts_the_named(q.source.quote[:at], original):
        return "改动的是紧跟在几方名称后的人数（放水员和用水员两人），改了就与列出的几方对不上，凭语句就能判错"
    kind = category_of(original)
    if not original or not changed or kind == MATTER or category_of(changed) != kind:
        return "判断题的错误说法应只改动一个同类事实（时限、数量、主体等）或把规定反过来"
    if kind == "日期" and not dates_consistent(original, changed, q.source.quote):
        return "改动后的日期与句中其他日期的先后矛盾"
    if same_thing(original, changed):  # 社区居民委员会主任 → 社区居委会主任: still true
        return "改动后的说法与原文同义，陈述仍然正确"
    return None


# what kind of body a name ends in: a place that serves (服务站, 便民服务中心, 窗口), a council of people (委员会, 协会,
# 筹备组), an office of government (民政局, 政府, 办公室), a business (物业服务企业, 合作社)
_BODY_KINDS = (("place", re.compile(r"(?:站|服务中心|窗口|大厅|所|室|点|馆|仓|库)$")),
               ("council", re.compile(r"(?:委员会|理事会|议事会|协会|联合会|大会|会议|小组|工作组|筹备组|领导小组)$")),
               ("office", re.compile(r"(?:局|政府|办事处|办公室|办|部门|科|股|处|党委|党组织|支部|大队|中队)$")),
               ("business", re.compile(r"(?:企业|公司|合作社|银行|单位)$")))


def _body_kind(text: str) -> str:
    """The kind of body ``text`` names, or "" (see :data:`_BODY_KINDS`)."""
    if category_of(text) not in (BODY, MEETING):
        return ""
    return next((kind for kind, pattern in _BODY_KINDS if pattern.search(text)), "")


def _counts_the_named(before: str, figure: str) -> bool:
    """``figure`` counts the parties named just before it (管理所放水员和用水户协会的用水员两人; round 81)."""
    count = re.fullmatch(r"([\d一二两三四五六七八九十]+)(个|名|人|家|方|位|级)", figure)
    number = cn_to_int(count.group(1)) if count else None
    if number is None or count is None or number < 2:
        return False
    levels = re.search(r"[省市县乡镇村组]{2,}$", before)
    if count.group(2) == "级" and levels:
        return len(levels.group()) == number  # 乡村两级路长 → 乡村四级 (round 82)
    clause = re.split(r"[，。；：,;:]", before)[-1]
    named = [x for x in re.split(r"、|和|及|与|同", clause) if len(x) >= 2]
    return len(named) == number


# a span of days: 4月4日至4月6日, 4日至6日, 自2025年11月15日起至2026年3月15日
_DAY_SPAN = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日?(?:起)?\s*(?:至|到|—|-|～|~)\s*"
                       r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日")
_QUARTER_END = {"一": "3月31日", "二": "6月30日", "三": "9月30日", "四": "12月31日",
                "1": "3月31日", "2": "6月30日", "3": "9月30日", "4": "12月31日"}
_HOUR_SPAN = re.compile(r"(?<!\d)(\d{1,2})(?:时|点|:00|：00)\s*(?:至|到|—|-|～|~)\s*(\d{1,2})(?:时|点|:00|：00)")
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(元|分|天|日|人|名|个|次|小时|年|岁|周岁|户|亩|米|%)")


def key_not_derivable(q: Question) -> str | None:
    """The key is not worked out from figures the stem gives: the days of a date range it states (4月4日至4月6日 →
    三天), a band's bound plus one (80分至89分为B级 → 90分), the sum or difference of two amounts it names (医保支付
    9元，个人负担1元 → 10元, and back), or an amount times a count (每月2400元、每年10个月 → 24000元). A learner would answer by arithmetic, not by knowing the rule; and a false
    判断 whose changed figure the others contradict (诊疗费30元，其中医保支付9元，个人负担1元) is false by arithmetic."""
    if q.type in ("single_choice", "fill_blank"):
        key, stem = _key_text(q), _BLANKS.sub("", q.stem)
    elif q.type == "true_false" and q.answer is False and not judges_misconception(q):
        key, changed = _changed_span(as_quoted(q.stem, q.source.quote), q.source.quote)
        stem = q.stem.replace(changed, "", 1) if changed else ""
    else:
        return None
    if key and stem and q.type != "true_false" and (_norm(key) in _norm(stem) or _share_restated(key, stem)
                                                    or _figure_restated(key, stem)):
        return "题干中已出现答案"  # 12月25日前…（ ）; 一成 … （10%）; 质保期不少于2年 … （两年）
    if key and stem and q.type != "true_false":
        # (round 57) the year's end a stem says in words (跨年自动清零 → 12月31日), or the month after a date it gives
        # (8月31日前未完成认证的，（9月）起暂停)
        # a range whose top the stem gives as the next band's start (请假（1至3天）的…；超过3天的… ; round 76)
        band = re.fullmatch(r"[\d一二两三四五六七八九十]+至([\d一二两三四五六七八九十]+)(\S{1,3})", key)
        if band and re.search(rf"(?:超过|多于|高于|大于){re.escape(band.group(1) + band.group(2))}|"
                              rf"{re.escape(band.group(1) + band.group(2))}以上", stem):
            return "答案区间的上限就是题干里下一档的起点，读题干就能答"
        # a count the stem lists item by item (至少（4张），包括门口标识、室内全景、冰箱、洗手设施; round 74)
        counted = re.fullmatch(r"([\d一二两三四五六七八九十]+)(?:个|张|项|种|类|份|条|件|名|人|处)", key)
        listing = re.search(r"(?:包括|含|即|分别是|分别为|依次是)([^。；;（）()]+)", stem)
        if counted and listing and cn_to_int(counted.group(1)) == len(re.split(r"[、，,和及]", listing.group(1).strip("，, "))):
            return "答案是题干里逐项列出的个数，数一数就能答"
        if re.match(r"[^，。；即]{0,6}[，,]?\s*(?:即|也就是|相当于|折合|合计|共计)(?:为|是)?(?:不超过|不少于|不低于|最高|最低|最多|约)?"
                    r"\s*[\d一二两三四五六七八九十]", _BLANKS.split(q.stem, maxsplit=1)[-1]):
            # 低保月标准的（1至3倍）之间确定，即820元至2460元; 补贴（60%）即24元 (rounds 77, 80)
            return "题干紧接着空位用另一种说法给出了答案（……即820元至2460元）"
        if re.fullmatch(r"(?:两|2)次", key) and re.search(r"(?:两|2)个?[^，。；]{0,16}各(?:有|安排|开展|进行)?(?:一|1)次", stem):
            return "答案可由题干里的“两个时段各一次”数出"  # 两个时段必须各有一次 → 不少于（2次） (round 81)
        if re.fullmatch(r"12月31日|年底|年末", key) and re.search(r"跨年|跨年度|年底|年末|次年|当年|全年", stem):
            return "答案可由题干里的“跨年”“年底”一类说法推出"
        if re.fullmatch(r"100[%％]", key) and re.search(r"全部|全面|一律|所有|全数|每一(?:名|户|个|位|家|人)|逐一|逐户", stem):
            return "答案可由题干里的“全部”“一律”推出"  # 全部更换 → 100% (round 60)
        if re.fullmatch(r"(?:两|2)次", key) and re.search(r"(?:春秋|春夏|秋冬|上下半年|早晚|春节前后)(?:两季|季)?$", before_blank(q.stem)):
            return "答案可由题干里的“春秋”“早晚”推出"  # 春秋（ ）集中灭鼠 → 两次
        month = re.fullmatch(r"(\d{1,2})月(?:1日|份)?", key)
        if month and re.search(rf"(?<!\d){int(month.group(1)) - 1 or 12}月(?:3[01]日|底|末|份)", stem):
            return "答案就是题干所给日期的下一个月"
        if re.fullmatch(r"7天|七天|7日|七日", key) and re.search(r"按周|每周|一周", before_blank(q.stem)[-12:]):
            return "答案可由题干里的“按周”推出"  # 确实需要按周结的，最长不能超过（7天） (round 63)
        if re.fullmatch(r"(?:两|2)(?:人|名)", key) and re.search(r"不得由同一人|不能由同一人|不得一人|不能一人", stem):
            return "答案可由题干里的“不得由同一人”推出"  # 分别由（两人）保管，不得由同一人同时持有 (round 63)
        if re.fullmatch(r"(?:4|四)[份次篇个]", key) and re.search(r"每季度[^，。；]{0,14}(?:1|一)[份次篇个]", stem) and re.search(
                r"共|累计|全年|一年", stem):
            return "答案可由题干里的“每季度一份”乘出"  # 每季度不少于1份，共不少于（4份） (round 63)
        quarter = re.search(r"第([一二三四1-4])季度", stem)
        if quarter and key == _QUARTER_END[quarter.group(1)]:
            return "答案就是题干所说季度的最后一天"  # 第二季度的随访须在（6月30日）前完成 (round 68)
        if month and month.group(1) == "1" and re.search(r"年底|年末|12月", stem) and "次年" in before_blank(q.stem)[-6:]:
            return "答案就是题干所给日期的下一个月"  # 迁出地当年发到年底，迁入地从次年（1月）起发放 (round 62)
    parts = split_number(key) if key else None
    value = _amount(parts[0]) if parts else None
    if value is None or parts is None or not stem:
        return None
    unit = parts[1].lstrip("个")
    if unit in ("天", "日") and any(value in (days, days + 1) for days in map(_days_between, _DAY_SPAN.finditer(stem))
                                   if days):
        return "答案可由题干中的起止日期直接算出"
    if unit == "小时" and any(int(b) - int(a) == value for a, b in _HOUR_SPAN.findall(stem)):
        return "答案可由题干中的起止时刻直接算出"  # 每日20时至21时提供（1小时）服务 (round 64)
    figures = [float(n) for n, u in _FIGURE.findall(stem) if u.lstrip("周") == unit.lstrip("周")]
    if any(value in (f + 1, f - 1) for f in figures) and re.search(r"\d\s*[分元天日人名个次岁%]?\s*(?:至|到|—|-|～|~)\s*\d", stem):
        return "答案可由题干中相邻档次的界限直接推出"
    if any(abs(a + b - value) < 1e-9 for i, a in enumerate(figures) for b in figures[i + 1:]):
        return "答案可由题干中的两个数相加得出"
    if any(abs(abs(a - b) - value) < 1e-9 for i, a in enumerate(figures) for b in figures[i + 1:]):
        return "答案可由题干中的两个数相减得出"
    if q.type in ("single_choice", "fill_blank") and re.fullmatch(r"(?:个|项|类|种|家|本|只|名|户|所|条|人)", unit):
        before = re.split(r"[，。；：,;:]", before_blank(q.stem))[-1]
        listed = [x for x in re.split(r"、|和|及|与", before) if len(x) >= 2]
        if 2 <= len(listed) == value:  # 县人民医院和县中医院（两家）: the stem names them
            return "答案数一数题干里列出的几项就能得出"
    ordinals = len(set(re.findall(r"([一二三四五六七八九十])是", stem)))
    if ordinals >= 2 and value == ordinals and re.fullmatch(r"(?:个|项|类|种|条|点|方面)", unit):
        return "答案数一数题干里的“一是、二是……”就能得出"  # 分三类：一是…二是…三是…
    if re.search(r"单数|奇数", stem) and q.type == "single_choice" and any(
            (split_number(o) or ("", ""))[0].isdigit() and int((split_number(o) or ("0", ""))[0]) % 2 == 0
            for o in q.options):
        return "题干说了单数，双数的选项一看就能排除"
    if unit in ("%", "％"):
        plain = [float(n) for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.%％])", stem)]
        if any(b and abs(round(a / b * 100, 1) - value) < 0.051 for a in plain for b in plain if a < b):
            return "答案可由题干中的两个数相除得出"  # 抽检86批次，合格83批次，合格率（96.5%） (round 86)
    counts = [float(n) for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", stem)]  # 每月最高2400元、每年最多10个月
    counts += [float(n) for n in map(cn_to_int, re.findall(r"([两二三四五六七八九十])个?(?:学期|季度|批次|期|轮|档)", stem))
               if n]  # 分春季、秋季两个学期申请，每学期1500元 → 每年（3000元） (round 81)
    if any(abs(a * c - value) < 1e-9 for a in figures for c in counts if c >= 2 and c != a):
        return "答案可由题干中的两个数相乘得出"
    return None


def before_blank(stem: str) -> str:
    """The stem's text before its blank."""
    return _BLANKS.split(stem, maxsplit=1)[0]


def _days_between(m: re.Match[str]) -> int | None:
    """The days a :data:`_DAY_SPAN` match spans: within one month when it names at most one (4日至6日, 4月4日至6日);
    else from one date to the other, the next year's when the second is earlier and no year is given."""
    y1, m1, d1, y2, m2, d2 = m.groups()
    if not (m1 and m2) or (m1 == m2 and not (y1 or y2)):
        return int(d2) - int(d1) if int(d2) > int(d1) else None
    first_year = int(y1 or 2000)
    try:
        first, last = date(first_year, int(m1), int(d1)), date(int(y2) if y2 else first_year, int(m2), int(d2))
    except ValueError:
        return None
    if last < first and not y2:
        last = last.replace(year=first_year + 1)
    return (last - first).days if last > first else None


def _figure_restated(key: str, stem: str) -> bool:
    """The stem states the key's figure in other numerals (2年 for 两年, round 60)."""
    parts = split_number(key)
    value = cn_to_int(parts[0]) if parts else None
    if parts is None or value is None:
        return False
    return any(m.group(2) == parts[1] and cn_to_int(m.group(1)) == value for m in NUMBER.finditer(stem))


def _share_restated(key: str, stem: str) -> bool:
    """一成 and 10% say one share: the stem giving either gives the key that is the other."""
    tenths = re.fullmatch(r"([一二两三四五六七八九])成", key)
    percent = re.fullmatch(r"(\d{1,2})0%", key)
    if tenths:
        return f"{cn_to_int(tenths.group(1))}0%" in stem
    if percent:
        return re.search(f"[{'一二两三四五六七八九'}]成", stem) is not None and \
            any(f"{c}成" in stem for c in "一二两三四五六七八九" if cn_to_int(c) == int(percent.group(1)))
    return False


def _amount(text: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    n = cn_to_int(text)
    return float(n) if n is not None else None


# a verb that hands a matter from one body to another (协会移送镇市场监管所): an option holding one is a clause, not a body
_HANDS_ON = re.compile(r"[\u4e00-\u9fff]{2}(?:移送|移交|转交|转送|报送|报请|提请|交由|会同|通知)[\u4e00-\u9fff]{2}")


def options_complete(q: Question) -> str | None:
    if q.type in ("single_choice", "multiple_choice") and any(
            re.search(r"(?:或者|或是|以及|和|及|与|或|并|、|，|,)$", o.strip()) for o in q.options or []):
        return "选项是被截断的句子残片"  # 镇纪委进行提醒谈话或者
    if q.type in ("single_choice", "multiple_choice") and any(_HANDS_ON.search(o) for o in q.options or []):
        return "选项是半句话（协会移送镇市场监管所），不是一个机构或事物"  # (round 83)
    if q.type != "multiple_choice" or not q.options:
        return None
    if len(q.options) < 4:  # 检查人为（ ）：three names, two of them keys — a guess more than a test (round 72)
        return "多选题至少要有4个选项"
    if not all(noun_phrase(o, {}) or len(o) > 10 for o in q.options):
        return "多选题选项应是完整的词语，不是句子片段"
    return None


def explanation_explains(q: Question) -> str | None:
    """The 解析 gives the rule as a whole sentence: the quote (or, for 简答, the numbered points)."""
    if q.type == "short_answer":
        points = answer_points(q.answer)
        if len(points) < 2:
            return "简答题参考答案应分条列出要点"
        if any(re.search(r"_{2,}|[（(]\s*(?:签名|签字|盖章)\s*[)）]|(?:日期|签名|签字)[：:]\s*$", p) for p in points):
            # 管护员（签名）：__ 日期：__ — a form's lines to sign, not a point to learn (round 81)
            return "简答题参考答案是表格里待填写的栏目（签名、日期），不是要点"
        return None
    pair = misconception_pair(q.source.quote) if judges_misconception(q) else None
    if _norm(pair[1] if pair else q.source.quote) not in _norm(q.explanation):
        return "解析应给出完整的原文依据"  # (for a misconception: its correction)
    return None


CORE_RULES: tuple[Callable[[Question], str | None], ...] = (stem_rules, stem_has_content, choice_rules, key_supported)
QUALITY_RULES: tuple[Callable[[Question], str | None], ...] = (
    stem_self_contained, blank_worth_testing, options_same_category, false_statement_fair, options_complete,
    explanation_explains, key_not_derivable)
RULES = CORE_RULES + QUALITY_RULES
_WHOLE_STEM_RULES = (stem_self_contained, blank_worth_testing)  # the lead-in counts too: it may leak the key
_WHOLE_STEM_ONLY = (stem_has_content,)  # the topic and lead-in are what a short item's stem says


def roles_respected(q: Question, excluded: Sequence[str]) -> str | None:
    """Never from an invented 案例 or a 误区 statement: ``excluded`` holds their texts in the source."""
    quote = _norm(q.source.quote)
    if judges_misconception(q):
        return None  # the misconception is the statement judged false, with its correction: never stated as a fact
    if any(quote and (quote in _norm(text) or _norm(text) in quote) for text in excluded if text.strip()):
        return "出自虚构案例或常见误区，不能当作事实出题"
    return None


def check(q: Question, source_text: str, excluded: Sequence[str] = (),
          rules: Sequence[Callable[[Question], str | None]] = RULES) -> str | None:
    """The first reason ``q`` fails, or None (``excluded``: 案例 and 误区 texts of its source).

    Generated items must pass every rule; an item a trainer edited by hand must pass ``CORE_RULES``
    (its key grounded, its form sound), and the quality rules are shown to the trainer as advice."""
    reason = quote_is_verbatim(q, source_text) or roles_respected(q, excluded)
    if reason:
        return reason
    return next((reason for _, reason in failures(q, source_text, rules)), None)


def failures(q: Question, source_text: str,
             rules: Sequence[Callable[[Question], str | None]] = RULES) -> Iterator[tuple[str, str]]:
    """(rule name, reason) for each of ``rules`` that ``q`` fails, judged as :func:`check` judges it: the key and
    the fact against the stem without its frame or lead-in, self-containment and give-aways on the whole stem."""
    body = without_lead(q, source_text)
    for rule in rules:
        if rule in _WHOLE_STEM_ONLY:
            reason = rule(q)
        else:
            reason = rule(body) or (rule(q) if body is not q and rule in _WHOLE_STEM_RULES else None)
        if reason:
            yield rule.__name__, reason


_TOPIC_FRAME = re.compile(r"[^，。：]{2,40}中，|根据《[^《》]{2,40}》，")  # 村级公益岗位聘用中，… / 根据《…办法》，…
_ABOUT = re.compile(r"关于([^，。：]{2,20})，")  # 关于财政补贴，… / 关于一级（50—199人），…
# 家里没人住、房主在外地的，… / 发现问题后，…: the situation a Q&A's question or a section's heading asks about
_WHEN = re.compile(r"[^，。：]{3,24}(?:的|后)，")
_ONE_OF = re.compile(r"[^，。：]{2,40}之一：")  # 设立老年学堂应当具备的条件之一：… (a lead-in recast for its one item)


def without_lead(q: Question, source_text: str) -> Question:
    """The item as its quote states it: a list item's stem may open with its list's lead-in (「选址禁止安排在以下
    区域：」), which is in the material but not in the quote; the key is checked against the rest."""
    if q.type == "short_answer":
        return q  # its stem is a question of its own
    stem, quote, material = q.stem, _norm(q.source.quote), _norm(source_text)
    # 村级公益岗位聘用中，…: where the rule applies (the document's topic); 关于财政补贴，…: the matter a list is of;
    # 房主在外地的，…: the case a Q&A's question asks about. Each names a field and states no fact
    for pattern in (_TOPIC_FRAME, _ABOUT, _WHEN, _ONE_OF):
        frame = pattern.match(stem)
        # (a situation or a 之一： lead is a frame only when the quote starts where it ends: 患者漏服药物连续超过7天的，
        # is a changed fact of the quote, not a frame before it)
        if frame and _norm(frame.group(0)) not in quote and (
                pattern in (_TOPIC_FRAME, _ABOUT) or _starts_as(_norm(stem[frame.end():]), quote)):
            stem = stem[frame.end():]
    for mark in ("：", "，"):  # 选址禁止安排在以下区域：…; 发现违法占地后，… (the list's lead-in without its 按下列步骤处置)
        lead, sep, rest = stem.partition(mark)
        if sep and rest and _norm(lead + sep) not in quote and _norm(lead + sep) in material:
            stem = rest
            break
    return q if stem == q.stem else q.model_copy(update={"stem": stem})


def _starts_as(rest: str, quote: str) -> bool:
    """The rest of a stem opens as its quote does (or with the blank that stands for the quote's opening)."""
    return rest[:2] == quote[:2] or bool(_BLANKS.match(rest))


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
        for pattern in (_TOPIC_FRAME, _ABOUT):  # (根据《…指南》，超过6个月的…: the change opens the quote, round 62)
            frame = pattern.match(stem)
            if frame and _norm(frame.group()) not in _norm(quote):
                stem = stem[frame.end():]
        opens = stem.find(quote[:4]) if len(quote) >= 4 else -1
        # (a topic or a label before the quoted sentence is no part of the change: 重点优抚对象医疗保障政策中，…)
        return _changed_span(stem[opens:] if opens > 0 else stem, quote)[0]
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
    belief = stated_belief(_norm(pair[0]))[:12] if pair else ""
    return len(belief) >= 6 and belief in _norm(other.explanation)


def same_fact(a: Question, b: Question) -> bool:
    """Two items test one fact: the same sentence, the same answer, or sentences that say much the same."""
    qa, qb = _norm(a.source.quote), _norm(b.source.quote)
    if qa in qb or qb in qa:
        return True
    about = [_ABOUT.search(q.stem) for q in (a, b)]
    if about[0] and about[1] and about[0].group(1) != about[1].group(1):
        return False  # 关于一级（50—199人），… / 关于二级（200—499人），…: one rule per tier, alike in wording only
    ba, bb = content_bigrams(qa), content_bigrams(qb)
    overlap = len(ba & bb) / max(1, min(len(ba), len(bb)))
    if any(_corrects_the_same(m, other) for m, other in ((a, b), (b, a))):
        return True
    fa, fb = tested_fact(a), tested_fact(b)
    if a.source.source == b.source.source and not (fa or fb) and _figure_values(qa) & _figure_values(qb):
        # (the words around the shared figure, not the figure's own 个工作日内, say whether the rule is one)
        words = [content_bigrams(NUMBER.sub("，", q)) for q in (qa, qb)]
        if len(words[0] & words[1]) >= 0.3 * max(1, min(map(len, words))):
            return True  # 灶台离住房5米以上 / 搭灶距离住房不少于5米: one rule said twice in one paper, two true 判断 (round 77)
    if fa and fa == fb:
        return True  # the same answer twice in one set (枫桥经验 three times) reads as one question repeated
    if any(f and _is_figure(f) and _norm(f) in _norm(_BLANKS.sub("", other.stem)) for f, other in ((fa, b), (fb, a))):
        return True  # one item's stem states the other's answer (a number or a date: 2024年修订 … 于（ ）修订)
    # a number asked in one item and stated in the other's sentence on the same matter (任期改为五年 / 由三年改为五年)
    if overlap >= 0.15 and any(split_number(f) and _norm(f) in q for f, q in ((fa, qb), (fb, qa))):
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
        other_stem = _norm(_BLANKS.sub("", other.stem))
        if any(_norm(p) in other_quote or _norm(p) in other_stem for p in pieces) and overlap >= 0.2:
            return True
        if other.type == "short_answer" and any(_norm(p) in other_stem for p in pieces):
            return True  # 「…这就是“（ ）”」 with 诉访分离, and 「诉访分离有哪些要点？」
        if f and other.type == "short_answer" and _norm(f) in other_quote:
            return True
    if "short_answer" in (a.type, b.type):
        return overlap >= 0.3  # a 简答 covers a section: a sentence saying much of it again is the same fact
    return overlap >= 0.4


def set_problems(questions: Sequence[Question], quality: bool = True) -> list[str]:
    """Set-level rules: no duplicate stems; one fact tested once (``quality``); true/false items not all one answer."""
    problems = []
    stems = Counter(_norm(q.stem) for q in questions)
    if any(n > 1 for n in stems.values()):
        problems.append("有重复的题干")
    if quality and any(same_fact(a, b) for i, a in enumerate(questions) for b in questions[i + 1:]):
        problems.append("同一事实考了不止一次")
    judged = [q.answer for q in questions if q.type == "true_false"]
    if len(judged) >= 2 and len(set(judged)) == 1:
        problems.append("判断题的答案全部相同")
    return problems
