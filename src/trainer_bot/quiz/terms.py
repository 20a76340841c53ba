"""Key terms of a sentence, typed, and same-category alternatives for them.

Kinds (how a term was found): glossary terms, 《documents》, quoted terms, named terms (a word of
the form …委员会 / …会议 / …制 in uploaded material), who a rule makes act (由…负责、报…审批), dates,
months, numbers with units (:mod:`.figures`), places. Every term also has a category (:mod:`.categories`);
a distractor always shares it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..tokenizer import aliases, pos_words, words
from .categories import (BODY, COUNT, DATE, DATE_PATTERN, FRACTION, MATTER, MONTH, MONTH_PATTERN, PLACE, ROLE,
                         category_of, infer_category)
from .figures import NUMBER, date_distractors, month_distractors, number_distractors, parse_value, possible

_DOCUMENT = re.compile(r"《([^《》]{2,40})》")
_QUOTED = re.compile(r"[“\"]([^“”\"]{2,12})[”\"]")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}(?:省|市|县))(?![级域委长政区里])")
_NAMED = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:委员会|调委会|代表会议|会议|议事会|工作法|机制|制|人民政府|政府|人民法院|法院|"
                    r"办事处|部门|服务站|服务中心|监理站|管理站|工作站|监测站)(?![度定订])")
_VERB_ZHI = re.compile(r"(?:控|限|抵|强|编|克|压|研|复|绘|管|节|体|牵)制$")
_FUNCTION_CHARS = set("在于从到的和与是为向对把被及由经")
_PLACE_STOP = {"城市", "设区的市", "都市", "县级", "市县", "省市", "地级市", "全省", "全市", "全县", "本市", "本县", "某市",
               "某县", "该市", "该县", "各省", "各市", "各县", "超大城市", "大城市", "中小城市"}


FIGURES = ("number", "date", "month")  # kinds of term whose alternatives are computed, not drawn from the material


@dataclass(frozen=True)
class Term:
    text: str  # as it appears in the sentence
    kind: str  # glossary | document | quoted | named | actor | date | month | number | place
    start: int
    category: str = MATTER

    @property
    def end(self) -> int:
        return self.start + len(self.text)




# 一次/二次 written in characters and followed by what it qualifies (二次污染、二次分拣、一次性), and the words that make
# such a count a frequency after all (每月开展一次检查、不少于二次)
_COMPOUND_TIMES = re.compile(r"[一二两]次(?=[\u4e00-\u9fff])")
_FREQUENCY = re.compile(r"每|不少于|至少|最多|不超过|超过|满|第")
# a word of relative time (下一年、上一年度、头一年、前一天晚上), not a measure (提前一天告知 is one)
_RELATIVE_TIME = re.compile(r"(?:(?<=[下上次头同当])|(?<=(?<!提)前)(?=一[天日周年月][晚早上下夜]))一(?:天|日|周|年|个月|月|个工作日|工作日)")


def find_terms(sentence: str, glossary: Mapping[str, str]) -> list[Term]:
    """Terms of ``sentence`` in order; ``glossary`` maps terms to categories (longest match wins)."""
    found: list[Term] = []
    taken: list[tuple[int, int]] = []

    def add(text: str, kind: str, start: int, category: str) -> None:
        end = start + len(text)
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Term(text, kind, start, category))

    for m in _DOCUMENT.finditer(sentence):
        add(m.group(0), "document", m.start(), category_of(m.group(0), glossary))
    for m in DATE_PATTERN.finditer(sentence):
        add(m.group(0), "date", m.start(), DATE)
    for term in sorted(glossary, key=len, reverse=True):
        if term in sentence:
            for m in re.finditer(re.escape(term), sentence):
                add(term, "glossary", m.start(), glossary[term])
    for m in _QUOTED.finditer(sentence):
        add(m.group(1), "quoted", m.start(1), category_of(m.group(1), glossary))
    for m in MONTH_PATTERN.finditer(sentence):
        add(m.group(0), "month", m.start(), MONTH)
    for m in NUMBER.finditer(sentence):
        if m.group(2) == "分" and re.match(r"[\u4e00-\u9fff]", sentence[m.end(): m.end() + 1]) \
                and sentence[m.end()] not in "的以或为":
            continue  # 三分之一、五分类: not points
        if m.group(2) == "分" and sentence[m.start() - 1: m.start()] == "点":
            continue  # 7点50分: a time of day, not points
        if _COMPOUND_TIMES.match(sentence, m.start()) and not _FREQUENCY.search(sentence[max(0, m.start() - 6):m.start()]):
            continue  # 二次污染、一次性: a word, not how often
        if _RELATIVE_TIME.match(sentence, m.start()):
            continue  # 前一天晚上、下一年: a point in time, not how long
        if re.match(r"(?:服务|求助|救助|值班)?(?:热线|专线)", sentence[m.end():]):
            continue  # 24小时救助热线: part of a name, not a rule's figure
        if re.fullmatch(r"\d{5,}", m.group(1)) and (m.group(2) == "人" or re.search(
                r"拨打|电话|热线|号码|致电", sentence[max(0, m.start() - 6):m.start()])):
            continue  # 12333人社服务热线: a phone number, not a count of people (round 93)
        if m.group(0) == "24小时" and re.match(r"(?:不间断|全天候)?(?:值守|值班|开机|有人|在线|监控|服务|接听|畅通|待命|运行|开放)",
                                             sentence[m.end():]):
            continue  # 24小时值守: around the clock (48小时值守 is no wrong answer, it is nonsense)
        if parse_value(m.group(1).split("至")[0]) is not None:
            add(m.group(0), "number", m.start(), infer_category(m.group(0)))
    for m in FRACTION.finditer(sentence):
        add(m.group(0), "number", m.start(), COUNT)
    spans = None
    for m in _NAMED.finditer(sentence):
        if _VERB_ZHI.search(m.group()):
            continue  # 严格控制、限制: a verb, not a mechanism
        spans = spans if spans is not None else _word_spans(sentence)
        named = _named_before(spans, m.end())
        if named:
            add(sentence[named:m.end()], "named", named, infer_category(sentence[named:m.end()]))
    for start, actor in _actors(sentence):
        add(actor, "actor", start, actor_category(actor))
    for m in _PLACE.finditer(sentence):
        place, start = m.group(1), m.start(1)
        if len(place) > 3 and place[0] in _FUNCTION_CHARS:  # 在浙江省 → 浙江省
            place, start = place[1:], start + 1
        if place not in _PLACE_STOP and not place.startswith(("某", "各", "全", "本", "该")):
            add(place, "place", start, PLACE)
    return sorted(found, key=lambda t: t.start)


# the body or person a rule makes act: 由村集体组织清除、报县民政局审批、向镇农办报告、经乡镇人民政府审核
_ACTS = ("负责|组织|统一|牵头|审核|审批|审查|备案|批准|同意|提出|申请|报告|核实|核查|登记|兑付|发放|办理|签字|确认|决定|研究|"
         "实施|承担|保管|核定|验收|公示|上报|汇报|进行|处理|处置|协调|指导|督促|清除|清理|收集|转运|监督|评定|评议|考核|聘用|"
         "建设|管理|维护|运维|出具|召集|主持|兼任|担任|任")
_PLACE_OPENERS = "县镇乡村区市"  # a name may open with its level (县农机监理站), whatever jieba joins it to
# not the first character of another word: 经营、由于、向来、报名
_TRIGGER = re.compile(r"(?:交由|交给|报送|报请|报告|由(?![于此衷])|报(?![名道纸酬表刊销警价案])|向(?![来往导上下前后外内])|"
                      r"经(?![营济过常验费历典纪办手由]))")
_ACT_AFTER = re.compile(rf"^(?:[\u4e00-\u9fff]{{0,4}}?(?:{_ACTS})|[，。；、]|$)")


def _actors(sentence: str) -> Iterator[tuple[int, str]]:
    """(start, name) of each body or person a trigger (由、报、向、经…) names before an act or the clause's end."""
    bounds: set[int] | None = None
    for m in _TRIGGER.finditer(sentence):
        start = m.end()
        bounds = bounds if bounds is not None else word_bounds(sentence)
        if start not in bounds and sentence[start] not in _PLACE_OPENERS:
            continue  # 报账员 is no 账员 that something is reported to (报镇农经站: jieba reads 报镇 as a word)
        for end in range(start + 2, min(len(sentence), start + 12) + 1):
            name = sentence[start:end]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", name):
                break
            act = _ACT_AFTER.match(sentence[end:])
            if sentence[end:end + 1] in ("员", "人", "者", "们", "长"):
                continue  # 乡镇档案工作人(员), 村民小组(长): the name goes on (round 100: （ ）长 offered 便民服务中心长)
            if act and _actor(name) and not _name_goes_on(sentence[end:end + act.end()]):
                yield start, name
                break


_BODY_TAIL = ("办", "所", "站", "局", "中心", "小组", "公司", "合作社", "集体", "经济组织", "党组织", "自治组织", "单位", "委员会", "村委会", "居委会", "政府",
              "部门", "办公室", "服务社", "协会", "理事会", "工作组")
_PERSON_TAIL = ("户", "员", "长", "人", "者", "书记", "主任", "代表", "干部", "党员", "家属", "村民", "居民", "群众", "家长")


_ADVERBIAL = ("现场", "当场", "统一", "定期", "及时", "按时", "按月", "按季", "每月", "每年", "每季度", "共同", "自行", "集中")


def _name_goes_on(between: str) -> bool:
    """村集体｜经济组织负责: what stands between a name and its act is more of the name (a noun), not 现场、自行."""
    words = pos_words(between)
    return bool(words) and words[0][1].startswith("n") and not between.startswith(_ADVERBIAL) \
        and not re.match(rf"(?:{_ACTS})", between)


def _actor(text: str) -> str | None:
    """The name in ``text`` if it names a body or a person (all nouns, ending in one), else None."""
    if not text.endswith(_BODY_TAIL + _PERSON_TAIL) or len(text) < 2:
        return None
    words = pos_words(text)[:-1]  # the tail word is checked by its form: jieba tags 站、所 as it likes
    if any(f.startswith(("p", "c", "u", "d", "r", "m", "q", "x", "y", "e")) and w not in _PLACE_OPENERS
           for w, f in words):
        return None  # 由于工作需要的人员、相应的管理单位: not a name
    return text


def actor_category(text: str) -> str:
    inferred = infer_category(text)
    if inferred != MATTER:
        return inferred
    return ROLE if text.endswith(_PERSON_TAIL) else BODY


_NOT_IN_NAME = ("v", "p", "r", "c", "d", "u", "s", "f", "t", "m", "q", "y", "e", "x", "zg", "a", "ad", "b")


def _word_spans(text: str) -> list[tuple[int, int, str]]:
    spans, at = [], 0
    for word, flag in pos_words(text):
        spans.append((at, at + len(word), flag))
        at += len(word)
    return spans


def _named_before(spans: list[tuple[int, int, str]], end: int) -> int | None:
    """Start of the name that ends at ``end`` (村里推行井长制 → 井长制): nouns back from the suffix word."""
    ending = [i for i, (_, e, _) in enumerate(spans) if e == end]
    if not ending:
        return None  # the suffix is inside a longer word: 无需制作
    i = ending[0]
    start = spans[i][0]
    while (i > 0 and not spans[i - 1][2].startswith(_NOT_IN_NAME) and end - spans[i - 1][0] <= 8
           and spans[i - 1][1] - spans[i - 1][0] > 1):  # 报乡镇人民政府: a one-character word is a verb's stem
        i -= 1
        start = spans[i][0]
    if i > 0 and (spans[i - 1][2].startswith(("a", "ad", "b", "m", "nr", "ns"))
                  or (not spans[i - 1][2].startswith(_NOT_IN_NAME) and spans[i - 1][1] - spans[i - 1][0] > 1)):
        return None  # (中央全面)深化改革委员会: the name goes on before what a walk back may take
    return start if end - start >= 3 else None


def word_bounds(text: str) -> set[int]:
    """Offsets where jieba puts a word boundary."""
    bounds, at = {0}, 0
    for word in words(text):
        at += len(word)
        bounds.add(at)
    return bounds



def _chars(text: str) -> set[str]:
    return set(text.strip("《》“”"))


def plausibility(key: str, candidate: str) -> float:
    """How close an alternative is in form: shared ending (…委员会/…制), shared characters, similar length."""
    a, b = key.strip("《》“”"), candidate.strip("《》“”")
    score = len(_chars(a) & _chars(b)) / max(1, len(_chars(a) | _chars(b)))
    for n in (3, 2, 1):
        if len(a) > n and len(b) > n and a[-n:] == b[-n:]:
            score += 0.3 * n
            break
    return score - 0.1 * abs(len(a) - len(b))


@lru_cache(maxsize=4096)
def _short_names(text: str) -> str:
    """``text`` with every long name the aliases know written in its shortest form (社区居民委员会主任 → 社区居委会主任)."""
    for name, others in sorted(aliases().items(), key=lambda kv: -len(kv[0])):
        shortest = min((name, *others), key=len)
        if name != shortest and name in text:
            text = text.replace(name, shortest)
    return text


def same_thing(a: str, b: str) -> bool:
    """Two names of one thing: 居委会/居民委员会, 社区居委会主任/社区居民委员会主任, 《中华人民共和国人民调解法》/《人民调解法》."""
    na, nb = (re.sub(r"^中华人民共和国", "", x.strip("《》“”")) for x in (a, b))
    titles = a.startswith("《") and b.startswith("《")  # 《城市居民委员会组织法》 / 《居民委员会组织法》
    return na == nb or nb in aliases().get(na, ()) or (titles and (na in nb or nb in na)) \
        or _short_names(na) == _short_names(nb)


# bodies one of which is part of the other (村“两委” are the village Party committee and the villagers' committee):
# the one offered for the other is arguably right too
_PARTS = {"物业服务企业": ("物业服务中心", "物业管理处", "物业公司"),
          "两委": ("村委会", "村民委员会", "居委会", "居民委员会", "村党组织", "村党支部", "社区党组织", "党支部", "党组织",
                 "村党委", "社区党委", "村“两委”成员", "村干部")}


def overlaps(a: str, b: str) -> bool:
    """One body is part of the other: 村两委 / 村委会, 社区“两委” / 居委会."""
    for whole, parts in _PARTS.items():
        for x, y in ((a, b), (b, a)):
            if whole in x.replace("“", "").replace("”", "") and any(y.endswith(p) or p.endswith(y) for p in parts):
                return True
    return False


def _form(title: str) -> bool:
    """A form, register or certificate to fill in or hold (《…登记表》《…告知书》), not a law or a policy."""
    return bool(re.search(r"(?:表|单|册|簿|卡|证|书|函|牌)》?$", title)) and not re.search(r"(?:意见|证明)书》?$", title)


# a name that opens on the level of government it belongs to (村委会, 镇民政办, 县公安局; not 乡贤参事会)
_LEVEL = re.compile(r"村|社区|镇|乡(?![贤亲土])|街道|县|区(?!域)")


def pick_distractors(term: Term, pool: Iterable[str], sentence: str, rng: random.Random, n: int = 3,
                     avoid: Sequence[str] = (), bonus: Mapping[str, float] | None = None,
                     allowed: Callable[[str], bool] | None = None) -> list[str]:
    """Same-category alternatives that ``sentence`` does not state, the most plausible first."""
    if term.kind == "number":
        candidates = [c for c in number_distractors(term.text, rng)
                      if possible(c, sentence[: term.start], sentence[term.end:])]
    elif term.kind == "date":
        candidates = date_distractors(term.text, sentence, rng)
    elif term.kind == "month":
        candidates = month_distractors(term.text, sentence, rng)
    else:
        limit = 2 * len(term.text) + 2  # 调委会 is not answered by 中央全面深化改革委员会
        bonus = bonus or {}

        def score(c: str) -> float:
            return plausibility(term.text, c) + bonus.get(c, 0.0)

        ranked = sorted((c for c in set(pool) if len(c) <= limit), key=lambda c: (-score(c), c))
        head = ranked[: max(n * 2, 6)]
        rng.shuffle(head)
        candidates = sorted(head, key=lambda c: -score(c))  # keep the best, vary ties
    bare = term.text.strip("《》“”")
    booked = term.text.startswith("《")
    level = re.search(rf"(?:{_LEVEL.pattern})(?:[（(][^（）()]{{1,4}}[)）])?$", sentence[: term.start])  # 跟村（社区）
    rest = sentence.replace(term.text, "\x00")
    out: list[str] = []
    for c in candidates:
        if term.kind not in FIGURES and (c.startswith("《") != booked or len(c.strip("《》")) < 3):
            continue  # 《意见》 is a reference, not a name; a title is answered by titles
        if booked and _form(c) != _form(term.text):
            continue  # a law offered for a form to fill in (《光荣牌登记表》): another kind of paper
        if term.kind not in FIGURES and any(c[i: i + 3] in rest for i in range(len(c) - 2)):
            continue  # 四议两公开 offered for “两公开”是（ ）: it repeats the stem
        cb = c.strip("《》“”")
        if (c and cb != bare and cb not in sentence and bare not in cb and cb not in bare and c not in out
                and not any(cb in a or a in cb for a in avoid) and not any(same_thing(c, o) for o in out)
                and not overlaps(cb, bare)
                # (跟村（社区）红白理事会签 → 村（社区）村委会: the level said twice; round 71)
                and not (level and _LEVEL.match(cb) and not _LEVEL.match(bare))
                and (allowed is None or allowed(c))):
            out.append(c)
        if len(out) == n:
            break
    return out
