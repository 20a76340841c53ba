"""Validation that every quiz item passes before anyone sees it, whichever engine made it.

Each rule returns ``None`` when the item passes, or a short reason (Chinese, shown to trainers).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from ..roles import misconception_pair
from .categories import BODY, MATTER, category_of, glossary_categories, is_bare_measure
# (rules with modules of their own are this one's too: every engine's items pass them here)
from .derivable import figure_restated, key_not_derivable
from .facts import same_fact, set_problems, tested_fact
from .fairness import PLACE_OF_BODY, TOLD, background_count, false_statement_fair, narrative_time
from .model import LETTERS, Question
from .offline import BLANK, FILL
from .pools import gives_away, noun_phrase, self_contained, verb_led
from .readings import ABOUT, BLANKS, TOPIC_FRAME, as_quoted, before_blank, changed_span, judges_misconception, key_text, norm
from .statements import _pos
from .figures import cn_to_int, dates_consistent, split_number
from .terms import same_thing

__all__ = ["CORE_RULES", "QUALITY_RULES", "RULES", "answer_points", "as_quoted", "before_blank",
           "blank_worth_testing", "check", "choice_rules", "explanation_explains", "failures",
           "false_statement_fair", "judges_misconception", "key_not_derivable", "key_supported", "options_complete",
           "options_same_category", "quote_is_verbatim", "roles_respected", "same_fact", "set_problems",
           "stem_has_content", "stem_rules", "stem_self_contained", "tested_fact", "with_source_in_explanation",
           "without_lead"]

_ALL_OR_NONE = re.compile(r"以上(都|均|全)(对|不对|正确|不正确|错误|是|不是)|以上皆(是|非)")
_TEMPLATE_STEM = re.compile(r"请简述《.*》中.*部分的要点")
_POINT = re.compile(r"^\s*\d+[.、．)）]\s*")


def _filled(stem: str, parts: Sequence[str]) -> str:
    """The stem with its blank(s) replaced by ``parts`` joined with 、."""
    return BLANKS.sub(lambda _: "、".join(parts), stem, count=1)


def quote_is_verbatim(q: Question, source_text: str) -> str | None:
    if not q.source.quote.strip():
        return "缺少出处原文"
    if norm(q.source.quote) not in norm(source_text):
        return "出处原文与材料不一致"
    return None


def key_supported(q: Question) -> str | None:
    quote = norm(q.source.quote)
    stem = as_quoted(q.stem, q.source.quote)
    if q.type in ("single_choice", "multiple_choice"):
        keys = [q.options[i] for i in q.answer if 0 <= i < len(q.options)]
        if len(keys) != len(q.answer):
            return "答案序号超出选项范围"
        if not all(norm(k) in quote for k in keys):
            return "正确选项在出处原文中找不到"
        if q.type == "single_choice" and norm(_filled(stem, keys)) not in quote:
            return "把答案填回题干后与原文不符"
    elif q.type == "fill_blank":
        if not any(norm(_filled(stem, [a])) in quote for a in q.answer):
            return "把答案填回题干后与原文不符"
    elif q.type == "true_false":
        stated = norm(stem) in quote
        if q.answer is True and not stated:
            return "判断为“正确”，但题干不是原文的陈述"
        if q.answer is False and not judges_misconception(q):
            if stated:
                return "判断为“错误”，但题干正是原文的陈述"
            if not _swapped_term_absent(stem, q.source.quote):
                return "判断为“错误”，但改动后的说法在原文中也成立"
    elif q.type == "short_answer":
        points = answer_points(q.answer)
        if not all(norm(p) in quote for p in points):
            return "参考答案不是出处原文"
    return None


def with_source_in_explanation(q: Question) -> Question:
    """Any engine's or a trainer's item: the 解析 ends with the quoted rule when it does not already give it."""
    if q.type == "short_answer" or norm(q.source.quote) in norm(q.explanation) or (
            judges_misconception(q) and norm(misconception_pair(q.source.quote)[1]) in norm(q.explanation)):  # type: ignore[index]
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


def _swapped_term_absent(stem: str, quote: str) -> bool:
    """A false statement differs from its quote in one span, and the stem's span is not in the quote."""
    original, changed = changed_span(stem, quote)
    return bool(changed) and bool(original) and changed not in quote


def _starts_as(rest: str, quote: str) -> bool:
    """The rest of a stem opens as its quote does (or with the blank that stands for the quote's opening)."""
    return rest[:2] == quote[:2] or bool(BLANKS.match(rest))


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
    if len({norm(o) for o in options}) != len(options) or any(not o.strip() for o in options):
        return "选项有重复或为空"
    rest = BLANKS.sub("", q.stem)
    if q.type == "single_choice" and any(i not in q.answer and figure_restated(o, rest) for i, o in enumerate(options)):
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
    quote = norm(q.source.quote)
    wrong = [o for i, o in enumerate(options) if i not in keys]
    if any(norm(o) in quote for o in wrong):
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
    if q.type in ("single_choice", "multiple_choice", "fill_blank") and not BLANKS.search(q.stem):
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
    if len(re.findall(r"[\u4e00-\u9fff]", BLANKS.sub("", q.stem))) < (8 if blank_first else 6):  # （ ）时间不少于7天
        return "题干内容太少，看不出问的是什么"
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
    if re.search(r"(?:^|[，：；])\s*1[.．、]\S.*；\s*2[.．、]", q.stem) and not re.search(r"[：:]\s*1[.．、]", q.stem):
        return "题干是一串编号条目（1.…；2.…），没有说它们是什么的清单"  # (round 92: 变更执行地要准备的材料)
    listed = re.search(r"([两二三四五六七八九十])(?:样|项|类|种|份|个方面)(?:东西|材料|内容|情形)?[：:]([^。；]*)", q.stem)
    if listed and len(re.split(r"[、；;]", listed.group(2))) < (cn_to_int(listed.group(1)) or 0) and "，" in listed.group(2):
        # 上传三样东西：活动现场照片，至少3张: the sentence holds one of the three (round 88)
        return "题干说有几样，却只列出其中一样，缺了其余的"
    if q.type == "true_false" and "有没有" in q.stem:
        return "题干是一句检查时的问话（有没有悬挂……），不是可判断真假的说法"  # (round 64: a checklist's item)
    if re.search(r"供[^，。；]{2,30}(?:使用|参考|学习|阅读)[。]?$", q.stem):
        return "题干是材料说自己给谁用（供……使用），不是要记的规定"  # (round 76)
    if re.search(r"您|有没有注意过|你(?:们)?(?:有没有|知道|注意)", q.stem):
        return "题干是对读者说的话（可您有没有注意过……），不是要记的规定"  # (round 60)
    if TOLD.match(q.stem):
        return "题干是背景叙述（近两年，……；一年多来，……），不是要记的规定"
    about = re.search(r"(?:^|，)关于([^，。：]{1,20})，", q.stem)
    if about and re.search(r"^[\d.\s]+$|^(?:方式|方法|步骤|办法|渠道|途径|情形|第)[一二三四五六七八九十\d]+$|划重点|小贴士|温馨提示|"
                           r"^(?:操作方法|具体做法|办理方法|办理方式|操作步骤|有关规定|基本要求|注意事项|其他)$|"  # (round 64)
                           r"^(?:适用范围|适用对象|使用说明|填表说明|说明|备注)$|"  # (round 74: 关于适用范围，每个台区一份…)
                           r"^(?:以下|下列|如下|上述|但是|但|不过|另外|此外|同时|还有)|(?:为|是|如下|包括|由)$|"
                           # 关于这个县里已经定了，关于这里我定个时间， (a clause, rounds 59-60); 关于与事由相关的依据， (round 100)
                           r"这个|那个|已经|了$|我|这里|^(?:与|和|跟|同)[^，]{1,10}(?:相关|有关)",
                           about.group(1)):  # 关于农村集中供水价格为，关于但是有个前提，
        return "题干以一个编号或标签（关于10、关于方式二）开头，看不出说的是什么"
    if q.type == "true_false" and re.search(r"(?:有|分为?|包括)[一二三四五六七八九十两\d]+(?:个|种|条|项|类|大)[\u4e00-\u9fff]{0,6}[：:]"
                                           r"[^；;]+[。]?$", q.stem):
        return "题干是列举的引导语加其中一项（有四个渠道任选：……），不成判断"  # (round 62)
    body = TOPIC_FRAME.sub("", q.stem, count=1)
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
    key = key_text(q)
    if key is not None and _names_only(key.join(BLANKS.split(body, maxsplit=1))):
        # 总库容（10万立方米）以下的山塘。: an item of 确权范围, which the stem never names (round 97; such 填空 and 单选
        # graded 0 good and 8 bad of 17 grades over rounds 40–96)
        return "题干只是一个名词短语（清单里的一项），没有说它是什么的清单，单独看不明白"
    if not self_contained(BLANKS.sub("", q.stem)):
        return "题干依赖上下文（其、该法、这些……），单独看不明白"
    if re.search(r"(?<![“\"])这(?:个|些|种|类|项|次|笔|份|条|一)(?!样)", q.stem):
        # 在这个周期内…, 这些材料…: what it points back to stood before the sentence (round 93; such stems graded 40% good
        # and 26% bad over rounds 60–92, 168 grades)
        return "题干里的“这个……”“这些……”指的是前文，学员看不到"
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
    if re.fullmatch(r"[^，。；]{0,16}(?:之日起|起|后|以后)[^，。；]{0,12}(?:内|以内)[。]?", BLANKS.sub("（ ）", body)):
        # 竣工验收合格之日起（ ）内。 / 收到资料后5个工作日内。: a table's cell, a time limit for nothing said (round 89)
        return "题干只是一个时限，没说在这期限内要做什么"
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


def _names_only(body: str) -> bool:
    """A blanked item with its key filled in that names a thing and says nothing of it (银行卡6个月以上的工资流水): stricter
    than :func:`_no_predicate`, as a blank's key may read as a noun (报县卫健局, 最多接受3名成员的委托)."""
    words = _pos(re.sub(r"[（(][^（）()]*[)）]", "", body))
    return _no_predicate(body) and not any(tag == "d" or w in _LEADS_PREDICATE or w.startswith("适用") for w, tag in words)


_LEADS_PREDICATE = frozenset("于 将 向 把 报 最多 最少 一共 共".split())


_PREDICATE = re.compile(r"是|为|可以|可|应|须|需|必须|不得|不|由|会|能|有|在|要|按|给予|实行|负责|禁止|严禁|包括|属于")


def blank_worth_testing(q: Question) -> str | None:
    """The blank is on a fact, not on a bare measure word or a word the stem repeats."""
    key = key_text(q)
    if key is None:
        return None
    bare = key.strip("《》“”")
    if is_bare_measure(bare, before_blank(q.stem)) or len(bare) < 2:
        return "空位只是量词或单字，不值得考"
    before, _, after = BLANKS.sub("\x00", q.stem, count=1).partition("\x00")
    if narrative_time(before, bare, after):
        return "空位是叙述里的时间（两年来、近两年、前两天），不是要记的规定"
    if background_count(before, bare):
        return "空位是背景统计数字（全县约9860人），不是要记的规定"
    if len(bare) >= 3 and (bare[-1] in "仍也就都还才又再却" or re.search(r"(?:或者|或|以及|及|和|并且|并)$", bare)):
        return "答案截断了词语，带进了后面的虚词"  # （家属仍）需…, （法院起诉或者）…: the key is cut
    if re.fullmatch(r"一个?(?:月|天|日|周|年|季度|星期)", bare) and re.search(r"(?:最后|头|前|后|第|当|这|那)$", before):
        return "空位是“最后一个月”一类固定说法里的“一个月”，不是要记的数值"  # 最后（一个月）的20日 (rounds 79, 81)
    if re.fullmatch(r"(?:参加|有关|相关|工作|在场|经办)(?:人员|单位|部门)|其他人|其他人员|他人|别人|外人|任何人", bare):
        return "空位是“参加人员”一类泛称，不值得考"  # 形成踏勘记录，由（参加人员）签字 (round 83)
    if re.fullmatch(r"一个?(?:天|日|次|分钟|刻|秒)", bare) and re.match(r"(?:也|都)(?:不|没|别)", after):
        return "空位是“一天也不能停”一类强调说法里的“一天”，不是要记的数值"  # (round 92)
    if category_of(bare) == BODY and PLACE_OF_BODY.match(after):
        return "空位是地点名称里的机构（杏树沟村委会大院），不值得考"  # (round 92)
    if q.type == "fill_blank" and re.fullmatch(r"[一1]次", bare):
        return "空位是“一次”，凭语感就能填出"  # 每季度核查______: the period is the fact, once the default
    if bare in BLANKS.sub("", q.stem):
        return "答案在题干其他位置重复出现"
    # a definition repeats the kind of thing it defines (外来入侵植物，是指……的植物): the head noun tells nothing
    defines = re.match(r"^(?:所谓)?(?:（\s*）|_{2,})[”\"]?[，,]?(?:是指|指的是)", q.stem) and len(bare) >= 4
    if gives_away(bare[:-2] if defines else bare, BLANKS.sub("", q.stem)):
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
    young = re.match(r"[^，。；]{0,12}(?:儿童|未成年|少年|小学生|初中生|幼儿|学生|孩子)", BLANKS.split(q.stem, maxsplit=1)[-1])
    ages = [m for m in (re.fullmatch(r"(\d{1,3})周?岁", o) for o in q.options) if m]
    if young and len(ages) == len(q.options) and any(int(m.group(1)) > 18 for m in ages):
        return "干扰项不合常理（儿童的年龄给了20周岁、30周岁），不懂规定也能排除"  # (round 88)
    if (_names_a_thing(key) and any(_is_action(o) for o in others)) or (
            _is_action(key) and any(_names_a_thing(o) for o in others)):
        # 公示期间收到反映的，由（镇指导组 / 拒绝观察员进入投票站）核实; 由议长（主持会议 / 全体会议）
        return "选项里有的是做法、有的是机构或事物，不是同一类"
    unit = split_number(key)
    if unit and any((split_number(o) or ("", ""))[1] != unit[1] for o in others):
        return "数字选项的单位不一致"
    if category == "日期" and not all(dates_consistent(key, o, BLANKS.sub(key, q.stem)) for o in others):
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
    if norm(pair[1] if pair else q.source.quote) not in norm(q.explanation):
        return "解析应给出完整的原文依据"  # (for a misconception: its correction)
    return None


CORE_RULES: tuple[Callable[[Question], str | None], ...] = (stem_rules, stem_has_content, choice_rules, key_supported)
QUALITY_RULES: tuple[Callable[[Question], str | None], ...] = (
    stem_self_contained, blank_worth_testing, options_same_category, false_statement_fair, options_complete,
    explanation_explains, key_not_derivable)
RULES = CORE_RULES + QUALITY_RULES
# the lead-in counts too: it may leak the key (关于评分实行百分制，利率报价占（60分），其余两项各20分; round 91)
_WHOLE_STEM_RULES = (stem_self_contained, blank_worth_testing, key_not_derivable)
_WHOLE_STEM_ONLY = (stem_has_content,)  # the topic and lead-in are what a short item's stem says


def roles_respected(q: Question, excluded: Sequence[str]) -> str | None:
    """Never from an invented 案例 or a 误区 statement: ``excluded`` holds their texts in the source."""
    quote = norm(q.source.quote)
    if judges_misconception(q):
        return None  # the misconception is the statement judged false, with its correction: never stated as a fact
    if any(quote and (quote in norm(text) or norm(text) in quote) for text in excluded if text.strip()):
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


# 家里没人住、房主在外地的，… / 发现问题后，…: the situation a Q&A's question or a section's heading asks about
_WHEN = re.compile(r"[^，。：]{3,24}(?:的|后)，")
_ONE_OF = re.compile(r"[^，。：]{2,40}之一：")  # 设立老年学堂应当具备的条件之一：… (a lead-in recast for its one item)


def without_lead(q: Question, source_text: str) -> Question:
    """The item as its quote states it: a list item's stem may open with its list's lead-in (「选址禁止安排在以下
    区域：」), which is in the material but not in the quote; the key is checked against the rest."""
    if q.type == "short_answer":
        return q  # its stem is a question of its own
    stem, quote, material = q.stem, norm(q.source.quote), norm(source_text)
    # 村级公益岗位聘用中，…: where the rule applies (the document's topic); 关于财政补贴，…: the matter a list is of;
    # 房主在外地的，…: the case a Q&A's question asks about. Each names a field and states no fact
    for pattern in (TOPIC_FRAME, ABOUT, _WHEN, _ONE_OF):
        frame = pattern.match(stem)
        # (a situation or a 之一： lead is a frame only when the quote starts where it ends: 患者漏服药物连续超过7天的，
        # is a changed fact of the quote, not a frame before it)
        if frame and norm(frame.group(0)) not in quote and (
                pattern in (TOPIC_FRAME, ABOUT) or _starts_as(norm(stem[frame.end():]), quote)):
            stem = stem[frame.end():]
    for mark in ("：", "，"):  # 选址禁止安排在以下区域：…; 发现违法占地后，… (the list's lead-in without its 按下列步骤处置)
        lead, sep, rest = stem.partition(mark)
        if sep and rest and norm(lead + sep) not in quote and norm(lead + sep) in material:
            stem = rest
            break
    return q if stem == q.stem else q.model_copy(update={"stem": stem})
