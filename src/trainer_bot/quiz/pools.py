"""What the offline generator draws on besides the statements (see :mod:`.statements`): clean enumerations, what
makes a stem stand alone, and the typed terms of the whole material (where distractors come from).

Material roles: nothing is drawn from an invented 案例; in a 常见误区 section only the correction
(「纠正：……」) is a statement, the misconception never is (items are drawn from neither, see
:meth:`~trainer_bot.quiz.offline.RuleGenerator.candidates`; corrections still explain why a wrong option is wrong).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..models import Chunk
from .categories import BODY, MATTER, ROLE, infer_category
from .statements import _pos, section_of, statements
from .terms import FIGURES, Term, find_terms, word_bounds

_ENUM_MARKERS = r"(?:包括|分为|分别是|概括为|表述为|涵盖|主要有|有|为|是|实行|坚持|做到|：|:)"
# a sentence that leans on what came before it cannot stand alone as a stem
_DANGLING = re.compile(
    r"^(?:其|该|此|这|那|上述|以上|前述|但|而|并且|并|同时|因此|所以|此外|另外|对此|为此|他们|他|她|它|这些|如|例如|比如|"
    r"同样|也|还|(?:常见|主要|具体|一般|通常|基本)?的?(?:做法|方法|办法|措施|内容|环节|步骤|要求|任务)(?:包括|有|是|为)|"
    r"对方(?![案面针式法向])|届时|期间[：:，,]|[^，。]{0,10}发现后[，,]|"  # 对方拒绝的、期间：、村干部发现后，: who? when? found what?
    # 处置后应当在…补报、核实无误的，…: handled what, checked what? (the sentence before says)
    r"[^，。]{0,6}(?:处置|核实无误|核实|查实|收到|接到)(?:后|的)(?=[，,]|应当|应|须|要|在|由)|"
    r"在(?:这|此|上述)(?:个|些)?(?:基础上|前提下|情况下)|"  # 在这个基础上，还有几种加发的情况: on what?
    r".{0,12}(?:在此期间|这件事|此事|这种情况)|"  # 在此期间不得…, 这件事要在3日内报告: which period, what matter?
    r"^(?:主要|具体|一般)?(?:是|有|包括)?[一二三四五六七八九十两几]+(?:项|条|类|种|点|个方面)[：:]|"  # 主要是四项：… of what?
    r"[\d一二三四五六七八九十]+个?(?:日|天|周|月|年|小时|工作日)内[：:]|"  # 30日内：每周回访1次: 30 days from what?
    r"[\d（）()\s]{4,8}年的(?:版本|修订|修改|文本))"
    r"|(?:该|此|本|这一|这项|这种)(?:法|条例|规定|制度|机制|办法|工作法|工作|组织|机构|意见|决定|文件|改革|经验|模式|清单|通知|"
    # (应当在该事项讨论前提出: which matter? but 本指引所称留守老人，是指…: a definition says which)
    r"指引|手册|细则|方案|安排|事项|情形)(?!所称|所指|所说)"
    r"|《[^《》]{1,4}》"  # 《意见》、《决定》: which one?
    r"|^[^，。]{0,12}(?:同样|也)(?:规定|要求|明确|提出|不|可以|应当|须|必须)"
    r"|^(?:第[一二三四五六七八九十]+|首先|其次|再次|最后)[，,、：:]"  # a list item whose list is in the heading
    r"|上述|前述|以上情况|(?:上面|前面|刚才)(?:说的|讲的|说了|讲了|提到)|(?:咱们|咱|我们)(?:镇|村|县|乡|街道|社区)|今年|去年|明年"
    r"|^第[一二三四五六七八九十\d]+[类种项个条批步层级]"  # 第一类是自建房: the first of which list?
    r"|第[一二三四五六七八九十百\d]+条(?:规定|程序|所列|的规定|第)"  # 按第四条程序补选: an article the learner cannot see
    r"|^(?:成员|委员|职责|任务|重点|工具|载体|常用工具|常用载体|主要任务)(?:由|有|是|包括|为|要)"  # whose members?
    r"|(?:这一|这种|这些|这项|这个|此项)(?:思路|做法|经验|模式|机制|方式|办法|理念|要求|制度|工作|改革|安排)"
    r"|^[^《》]*(?:修订|修改|修正)后的(?:文本|法律|条例)(?![^《》]*《)"  # which law?
    r"|不在此列|此列|上列"  # 只提供1小时以内亲子课程的不在此列: not in which list? (round 74)
    r"|^[^的]*?(?:在|于|自)发现(?:后|之日)"  # 村文书应在发现后（ ）内…: found what? (round 100; not 损毁的，…在发现后)
    r"|^[^\d一二三四五六七八九十百千万]*?(?:对|在|从)?其中(?:的)?[\d一二三四五六七八九十百千]"  # 对其中684对做了辅导: of which total? (round 73)
    r"|^(?:按照|依照|根据|按)(?:条例|法律|规定|办法|文件|通知)(?:要求|规定)?[，,]|(?:法律|条例|文件)还(?:规定|要求|明确)"
    r"|表格下方|表格中|[上下]表(?:所列|中|的)|见下表|对照下表|本表|"  # which law? which table?
    r"第[\d一二三四五六七八九十]+(?:至第?[\d一二三四五六七八九十]+)?项|第[\d一二三四五六七八九十]+、[\d一二三四五六七八九十、]+项"  # 第5至第10项
    r"|上面(?:几|[一二三四五六七八九十\d]+)条|以上[一二三四五六七八九十\d]+(?:条|项|点)|第[一二三四五六七八九十]+部分"  # which ones?
    r"|上面的|前面(?:说|讲|提)的|^第[一二三四五六七八九十]+块"  # (round 70) 按上面的原则，他们…; 第三块…: of which list?
    # a condition set by a sentence the learner cannot see: 逾期不改正的 (past which deadline?), 经批准后 (approval of what?)
    r"|^(?:个人|单位|当事人)?逾期(?:不|未)|^(?:经|获得|取得)?(?:批准|审核通过|同意)后[，,]|^有异议的"
    # (round 58) the rest of what was counted before (剩下19个…), a thing said again with 还 (基地还配了…), a kind or a part
    # the sentence before named (这类广告、90%这部分、这几条红线)
    r"|^(?:剩下|剩余|其余|其他)的?[\d一二三四五六七八九十两几]*(?:个|家|户|人|名|项)?|^[^，。；]{1,6}还(?:配|有|要|得|设|建|给|会)"
    r"|这(?:类|几类|部分|几条|几项|几种|几个)"
    r"|这个(?!月|季度|年|星期|周末?)[\u4e00-\u9fff]"  # (round 61) 不喜欢这个味道: which taste? (not 这个月, a time)
    # (round 59) a paper's preamble (现将常见问题整理如下，…), a count of what there is now (目前，我镇共有…)
    r"|^现(?:将|就|把)[^，。]{0,20}(?:如下|通知|说明|整理)|^目前[，,]"
    # (round 83) 办理程序和时限同上: as what above? 遇节假日顺延: which deadline? 由业主大会决定，一般为…: decides what?
    r"|同上|同前款|^遇(?:法定)?(?:节假日|节日|休息日|周末)(?:则)?顺延|^由[^，。；]{2,12}(?:决定|确定|商定|研究确定)[，,]"
    # (round 85) 正因为这样，…: because of what? (round 88) 唯一的例外是…: to which rule?
    r"|^(?:正因为|正是因为|也正因为)(?:这样|如此|这个|这些)|^(?:正因此|也因此|因为这样)"
    r"|唯一的例外|例外的是|^(?:除此之外|除此以外)[，,]"
    # (round 90) 批准之前，…: approval of what? 对第三种情况: the third of which?
    r"|^(?:批准|审批|审核|同意|受理|验收)(?:之前|以前|前)[，,]|第[一二三四五六七八九十]种(?:情况|情形)"
)
# two-character words too common to give an answer away when the stem repeats them
_GENERIC_BIGRAMS = {"治理", "管理", "工作", "社会", "基层", "服务", "委员", "会议", "村民", "居民", "人民", "组织", "社区", "群众",
                    "制度", "机制", "部门", "政府", "法律", "规定", "代表", "事项", "矛盾", "纠纷", "调解", "建设", "发展",
                    "公开", "监督", "民主", "国家", "中国", "全国", "地方", "农村", "城市", "乡村", "乡镇", "街道", "信息",
                    "问题", "事件", "安全", "情况", "责任", "任务", "数据", "平台", "政策"}
DEFINITION_LEAD = r"(?:所谓|本[\u4e00-\u9fff]{1,4}所称)?"  # 所谓“X”，是指… / 本细则所称“X”，是指…
DEFINITION = re.compile(rf"^{DEFINITION_LEAD}[“\"]?([\u4e00-\u9fff]{{2,10}})[”\"]?[，,]?(?:是指|指的是|是)(?!否|不是)")
_NOT_DEFINED = {"关键", "重点", "核心", "目的", "前提", "基础", "根本", "难点", "要害", "方向", "目标", "原则", "要求",
                "办法", "做法", "方法", "出发点", "落脚点", "着力点", "本质", "实质", "意义", "作用"}
_RELATIONAL = {"结合", "相结合", "并重", "并举", "统一", "相统一", "为主", "为辅", "一致", "配合", "衔接"}
_BAD_POS = {"r", "c", "d", "p", "u", "uj", "ul", "ud", "uz", "y", "e", "o"}
_NOUNISH = ("n", "vn", "an", "j", "l", "i", "nz", "nt", "ns", "nr", "ng", "eng")


def field_of(chunk: Chunk) -> str:
    """The field a passage belongs to, for plausible alternatives: its topic, or for an upload without one its
    own document (uploads share no field just because none was named)."""
    return chunk.topic or chunk.source


def is_example(chunk: Chunk) -> bool:
    """Invented cases (案例/示例) illustrate; they are not facts to test."""
    return chunk.role == "example"


def where_in(chunk: Chunk) -> str:
    """Where a 解析 says its rule stands: 《title》“section”部分 (a heading in quotes is not quoted twice)."""
    section = section_of(chunk).strip("“”\"")
    # (a title that names a paper already, 《…管理办法》政策解读, is not put in book marks twice; round 73)
    title = chunk.title if re.search(r"《[^《》]+》", chunk.title) else f"《{chunk.title}》"
    return title + (f"“{section}”部分" if section else "")


def cited_section(explanation: str) -> str:
    """The section a 解析 cites, as :func:`where_in` writes it (依据《…》“三、…”部分 → 三、…), or ""."""
    cited = re.search(r"》“([^”]+)”部分", explanation)
    return cited.group(1) if cited else ""


def _pairs(text: str) -> set[str]:
    return {text[i: i + 2] for i in range(len(text) - 1)}


def content_bigrams(text: str) -> set[str]:
    """Character pairs of a text's Chinese, without the pairs too common to tell two statements apart."""
    text = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {text[i: i + 2] for i in range(len(text) - 1)} - _GENERIC_BIGRAMS


def topic_share(topic: str, text: str) -> float:
    """How much of the topic the text says itself (share of the topic's character pairs)."""
    pairs = content_bigrams(topic)
    return len(pairs & content_bigrams(text)) / len(pairs) if pairs else 1.0


# 有下列情形之一的，由社区卫生服务站转介: a list the stem names but does not hold (unless it follows, after a colon)
_LIST_ELSEWHERE = re.compile(r"(?:下列|以下|如下)[^，。；]{0,8}(?:情形|行为|条件|事项|情况)之一")


def self_contained(sentence: str) -> bool:
    listed = _LIST_ELSEWHERE.search(sentence)
    if listed and not re.search(r"[：:][^。]{4,}", sentence[listed.end():]):
        return False
    return not _DANGLING.search(sentence)


def gives_away(answer: str, rest: str) -> bool:
    """The rest of the stem shares a telling two-character word with the answer (枫桥区 … 枫桥经验, 服务代办 … 帮办代办),
    or the year of a date (明确2019年为基层减负年 … 于（ ）印发)."""
    year = re.match(r"\d{4}年", answer)
    if year and year.group() in rest:
        return True
    bare = re.sub(r"[^\u4e00-\u9fff]", "", answer)
    return any(bare[i: i + 2] in rest and bare[i: i + 2] not in _GENERIC_BIGRAMS for i in range(len(bare) - 1))


def verb_led(item: str) -> bool:
    """搭平台、定规则: the item opens with a verb."""
    words = _pos(item)
    return bool(words) and words[0][1] == "v"


def noun_phrase(item: str, glossary: Mapping[str, str]) -> bool:
    """A complete item (法律、人民调解委员会、排查), not a clause fragment (谁负责相结合、颜色越深、否则会负担过重)."""
    if item in glossary:
        return True
    words = _pos(item)
    if len(words) == 1:
        return words[0][1] not in _BAD_POS
    if any(flag in _BAD_POS or flag.startswith("u") for _, flag in words):
        return False
    if sum(flag == "v" for _, flag in words) > 1 or words[0][1] == "s":
        return False  # 有无回访记录、当场公布…: a clause, not a name
    if len(words) == 2 and words[0][1].startswith("n") and words[1][1] == "v" and words[1][0] not in _RELATIONAL:
        return True  # 矛盾发现、信息采集: a noun and its verb name a task (not 德治相结合)
    return words[-1][1].startswith(_NOUNISH) or words[-1][1] == "vn"


# a kind of thing, not a name of one: “两委” swapped for “委员会” tests nothing
_GENERIC_NAMES = {"委员会", "会议", "中心", "服务中心", "部门", "政府", "人民政府", "组织", "机构", "单位", "办公室", "小组", "机制",
                  "制度", "办法", "规定", "工作法", "服务站", "工作站", "代表会议", "大会", "方法"}


def usable_term(term: Term, glossary: Mapping[str, str]) -> bool:
    """A term is a key or an option only when it names a thing: not “为谁治理” (a quoted or named clause), not a bare
    kind (委员会、服务中心)."""
    if term.text.strip("“”\"") in _GENERIC_NAMES or re.search(r"[啊呀吧呢哦嘛啦哈]$", term.text.strip("“”\"")):
        return False  # and not a spoken aside (“注意啊”)
    return term.kind not in ("quoted", "named") or noun_phrase(term.text, glossary)


_LEAD = ("例如", "比如", "如", "包括", "向", "对", "把", "让", "由", "依靠", "通过")
_HEAD_NOUN = re.compile(r"(?:关系|方面|工作|问题|事项|情况|领域|内容|渠道|方式|途径|环境)$")


def _one_form(items: Sequence[str], glossary: Mapping[str, str]) -> bool:
    """Items of one shape: all verb-led (搭平台、定规则) or none; no lead word (例如…); the last item not
    carrying the head noun of the whole list (指导、支持和帮助关系)."""
    if any(i.startswith(_LEAD) for i in items if i not in glossary):
        return False
    led = [verb_led(i) for i in items]
    if any(led) and not all(led):
        return False
    last = items[-1]
    return not (_HEAD_NOUN.search(last) and not any(_HEAD_NOUN.search(i) for i in items[:-1]))


def enumeration(sentence: str, glossary: Mapping[str, str] | None = None) -> tuple[int, int, list[str]] | None:
    """(start, end, items) of a clean enumeration 甲、乙和丙: 2–6 complete items of 2–10 characters."""
    glossary = glossary or {}
    for clause in re.finditer(r"[^，。；：！？,;:（）()]+", sentence):
        text = clause.group()
        if "、" not in text or sentence[clause.start() - 1: clause.start()] in ("）", ")"):
            continue  # 村（社区）干部、网格员: the first item's name began before the bracket
        bounds = word_bounds(text)  # a marker is a whole word: not the 是 of 是否、the 有 of 有无
        markers = [m for m in re.finditer(_ENUM_MARKERS, text)
                   if m.end() <= text.index("、") and m.start() in bounds and m.end() in bounds]
        body_start = markers[-1].end() if markers else 0
        body = text[body_start:]
        body = re.sub(r"(?:等)?(?:[一二三四五六七八九十两\d]+(?:类|个|项|种|方面|件))?(?:等)?$", "", body)
        head, _, last = body.rpartition("、")
        tail = re.split(r"(?:以及|和|及|与|或者|或)", last, maxsplit=1)
        items = [*head.split("、"), *tail]
        if not (2 <= len(items) <= 6) or len(set(items)) != len(items):
            continue
        if not all(re.fullmatch(r"[\u4e00-\u9fff]{2,10}", i) for i in items):
            continue
        lengths = [len(i) for i in items]
        if max(lengths) - min(lengths) > 4 or not all(noun_phrase(i, glossary) for i in items):
            continue
        if not _one_form(items, glossary):
            continue
        start = clause.start() + body_start
        return start, start + len(body), items
    return None


@dataclass
class Gloss:
    source: str
    sentence: str
    defines: bool = False
    title: str = ""
    says_what: bool = False  # 「X是…」: what X is, which explains it anywhere (「X负责…」 only in its own document)


class CorpusPools:
    """Typed terms, enumeration items and short definitions across the material."""

    def __init__(self, chunks: Sequence[Chunk], glossary: Mapping[str, str]):
        self.glossary = dict(glossary)
        self.by_category: dict[str, set[str]] = defaultdict(set)
        self.by_topic: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.enum_items: dict[str, set[str]] = defaultdict(set)  # topic -> items of its enumerations
        self.glosses: dict[str, Gloss] = {}
        self.definitions: dict[str, set[str]] = defaultdict(set)  # source -> terms its sentences define
        self.actors: dict[tuple[str, str], set[str]] = defaultdict(set)  # (source, category) -> who its rules make act
        self.chunk_text: dict[str, str] = {}
        self.local_to: dict[str, set[str]] = defaultdict(set)  # a term not in the glossary -> the fields it is named in
        self.fields = {c.source: field_of(c) for c in chunks}
        self.said_of: dict[str, list[str]] = defaultdict(list)  # term -> statements that mention it
        self.figure_said: dict[str, dict[str, str]] = defaultdict(dict)  # source -> 200元 -> the shortest statement of it
        self.source_text: dict[str, str] = {}  # source -> its title and text
        # a document made of 误区 and their corrections (楼上楼下漏水纠纷调解：常见误区及纠正): its corrections are what it
        # teaches, not a restatement of its main text, so items may be drawn from them
        sizes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for chunk in chunks:
            sizes[chunk.source][chunk.role == "misconception"] += len(chunk.text)
        self.taught_by_corrections = {s for s, (other, wrong) in sizes.items() if wrong > other}
        # chunks of a section the splitter cut in two or more (三、几项特别提醒 over two chunks): no one of them holds the
        # section's whole answer (round 61: a 简答 keyed with the first paragraph of four)
        sections: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
        for chunk in chunks:
            if chunk.heading_path:
                sections[(chunk.source, chunk.heading_path)].append(chunk.id)
        self.split_sections = {i for ids in sections.values() if len(ids) > 1 for i in ids}
        for chunk in chunks:
            if is_example(chunk):
                continue
            self.chunk_text[chunk.id] = chunk.text
            self.source_text[chunk.source] = self.source_text.get(chunk.source, chunk.title + "\n") + chunk.text + "\n"
            for sentence in statements(chunk):
                for term in find_terms(sentence, self.glossary):
                    if term.kind in FIGURES:  # 200元 for 良好档: what another rule of the document sets to this value
                        known = self.figure_said[chunk.source].get(term.text)
                        if known is None or len(sentence) < len(known):
                            self.figure_said[chunk.source][term.text] = sentence
                        continue
                    if not usable_term(term, self.glossary):
                        continue
                    self.by_category[term.category].add(term.text)
                    if term.kind == "actor" or term.category in (BODY, ROLE):
                        self.actors[(chunk.source, term.category)].add(term.text)
                    self.said_of[term.text].append(sentence)
                    self.by_topic[(field_of(chunk), term.category)].add(term.text)
                    if term.kind != "glossary":  # a name of this document's own (镇金融工作办公室、代理家长)
                        self.local_to[term.text].add(field_of(chunk))
                    self._gloss(term, sentence, chunk)
                defined = self.defined_term(sentence)
                if defined:
                    self.definitions[chunk.source].add(defined.text)
                    self._gloss(defined, sentence, chunk)
                found = enumeration(sentence, self.glossary)
                if found:
                    self.enum_items[field_of(chunk)].update(found[2])

        # the character pairs of each document, for whether a term from elsewhere is of a kind it speaks of
        self.source_pairs = {source: _pairs(text) for source, text in self.source_text.items()}

    def _gloss(self, term: Term, sentence: str, chunk: Chunk) -> None:
        """A sentence that says what a term is (「X是…」「X指…」, else the shortest one that opens with it), to
        explain why it is a wrong option."""
        bare = term.text.strip("《》“”")
        if term.start > 2 or len(sentence) > 90 or len(sentence.strip("。；;：:")) < len(bare) + 4:
            return  # 实施结果公开。 says nothing about 实施结果公开
        opening = re.match(rf"^[“《]?{re.escape(bare)}[”》]?(是指|是|指|即|，是|负责|由)", sentence)
        defines = bool(opening)
        known = self.glosses.get(bare)
        if known is None or (defines and not known.defines) or (defines == known.defines
                                                                  and len(sentence) < len(known.sentence)):
            self.glosses[bare] = Gloss(chunk.source, sentence, defines, chunk.title,
                                       opening is not None and opening.group(1) not in ("负责", "由"))

    def said_about(self, term: str, source: str = "") -> str | None:
        """What the material says a term is: its definition, or a sentence that opens with it in ``source`` (the
        item's own document: a passing remark elsewhere, 网格员入户时要顺带检查积水情况, explains nothing)."""
        gloss = self.glosses.get(term)
        same_field = not source or self.fields.get(gloss.source) == self.fields.get(source) if gloss else False
        if not gloss or not (gloss.source == source or (gloss.says_what and same_field)):
            # 村委会负责日常巡查 (another document's task) says nothing about a meal point; nor does what the
            # 城市居民委员会组织法 says a 居委会 is, in a trainer's guide to flood supplies
            return None
        elsewhere = source and gloss.source != source and gloss.title
        return gloss.sentence + (f"（见《{gloss.title}》）" if elsewhere else "")  # a learner can look it up

    def also_true(self, candidate: str, stem: str) -> bool:
        """The material says of ``candidate`` much what the stem says of the key (居民会议 is also a tool the
        stem lists): then it is a second right answer, not a distractor."""
        context = content_bigrams(stem)
        if not context:
            return False
        for sentence in self.said_of.get(candidate, ()):
            if len(context & content_bigrams(sentence.replace(candidate, ""))) / len(context) >= 0.4:
                return True
        return False

    def defined_term(self, sentence: str) -> Term | None:
        """The term a definition sentence defines (「信息采集，是掌握……」 → 信息采集), as a key."""
        m = DEFINITION.match(sentence)
        if not m:
            return None
        text = m.group(1)
        if text in _NOT_DEFINED:
            return None  # 关键是…、目的是…: a sentence frame, not a term
        words = _pos(text)
        if (not words or any(f in _BAD_POS or f.startswith("u") for _, f in words) or words[0][1] == "s"
                or sum(f == "v" for _, f in words) > 1 or text.startswith(_LEAD)):
            return None
        return Term(text, "defined", m.start(1), self.glossary.get(text) or infer_category(text))

    def either(self, a: str, b: str, source: str) -> bool:
        """The document allows either (由村民会议或者村民代表会议决定): one is no wrong option for the other."""
        text = self.source_text.get(source, "")
        x, y = re.escape(a.strip("《》“”")), re.escape(b.strip("《》“”"))
        return bool(re.search(rf"{x}(?:或者|或){y}|{y}(?:或者|或){x}", text))

    def of_this_kind(self, candidate: str, source: str) -> bool:
        """Whether a term from elsewhere is of a kind the document speaks of: what its name says before its head noun
        (护林 of 护林员, 离婚冷静 of 离婚冷静期) occurs in the document. 护林员 is no option in a property dispute, nor
        离婚冷静期 a deadline in a forest-fire rule."""
        name = candidate.strip("《》“”")
        if len(name) <= 3:  # 林长、河长 for a building's patrol: a short name says its field only whole
            return _pairs(name) <= self.source_pairs.get(source, set())
        modifier = name[:-1] if len(name) <= 4 else name[:-2]
        pairs = _pairs(modifier) - _GENERIC_BIGRAMS
        return not pairs or bool(pairs & self.source_pairs.get(source, set()))

    def fellow_actors(self, source: str, category: str, term: str) -> set[str]:
        """The other bodies or persons of the same kind that one document gives tasks to (村集体 → 农户、管理员):
        each plausible, and wrong by the document for the task the stem names."""
        return self.actors.get((source, category), set()) - {term}

    def siblings(self, source: str, term: str) -> set[str]:
        """Other terms the same document defines (信息采集 → 隐患排查、矛盾发现): the most plausible alternatives."""
        return self.definitions.get(source, set()) - {term}

    def category_pool(self, field: str, category: str) -> tuple[set[str], set[str]]:
        """(same field, elsewhere) terms of one category. Elsewhere holds only the glossary's terms: another field's
        own names (代理家长 for a river guide, 镇金融工作办公室) are no plausible alternative here."""
        if category == MATTER:
            return set(), set()  # 事项/对象 is too loose a kind to draw plausible alternatives from
        near = self.by_topic.get((field, category), set())
        rest = {t for t in self.by_category.get(category, set()) - near if not self.local_to.get(t)}
        return near, rest
