"""Question analysis: what kind of answer a question asks for, and what it is about.

Rules over the question text only (no model), shared by the condenser, the retriever's
gate and both answer engines:

- ``kind``: definition, list (哪几/哪些/步骤…), howto (怎么办/如何…), number (几/多少/多久…),
  comparison (区别/关系…), yesno (能不能/是否/…吗), why (为什么…), where (哪个村/哪里…), naming (a practice
  described, 这是什么做法？) or ``other``;
- ``subject``: the term a definition question asks about (什么是X / X是什么 / 什么叫X);
- ``sides``: the two things a comparison question compares (X和Y有什么区别);
- ``unit``: the measure a number question expects (几个人 → 人, 多少天 → 天);
- ``quoted``: terms the asker put in quotes or 《》.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .tokenizer import pos_words, words

Kind = Literal["definition", "list", "howto", "number", "comparison", "yesno", "why", "where", "naming", "other"]

_END = r"[？?。！!\s]*$"
_DEFINITION = (
    re.compile(r"^(?:请问)?(?:什么是|什么叫做?|何为|何谓|啥是|啥叫|解释一下|介绍一下)[“\"「《]?(.+?)[”\"」》]?" + _END),
    re.compile(r"^(?:请问)?(?:.*?(?:对|把))(.{2,14}?)(?:是)?(?:怎么|如何|怎样)(?:定位|界定|定义)的?" + _END),
    re.compile(r"^(?:请问)?(?:.*?(?:所说的|所称的?|里说的|中，|中的|里的))?[“\"「《]?([^，,“”\"「」《》]{2,14}?)[”\"」》]?"
               r"(?:是|要|应当|该)?(?:怎么|如何|怎样|咋)(?:认定|界定|定义|算)的?" + _END),
    re.compile(r"^(?:请问)?[“\"「《]?(.+?)[”\"」》]?(?:到底|究竟|具体)?(?:是什么意思|是什么|是指什么|指的是什么|指什么|是啥|"
               r"是怎么回事|是怎么一回事|是咋回事|怎么理解|什么意思|的含义是什么|的意思是什么)(?:呢|啊)?" + _END),
)
_COMPARISON = re.compile(r"区别|不同(?=[吗呢？?。！!，,]|$|之处|点|在|的地方)|不一样|差别|差异|异同|有什么关系|是什么关系|关系是什么|有何关系|有啥关系|有什么联系|联系和区别|相比|比较|一样吗|有何不同")
_SIDES = re.compile(r"^(?:请问)?(?:那么?)?[“\"「《]?(.{2,20}?)[”\"」》]?(?:和|与|跟|同|及|对比|相比)[“\"「《]?(.{2,20}?)[”\"」》]?"
                    r"(?:之间|两者|二者|相比)?(?:有什么|有何|有啥|是什么|的|在|比)")
# several things asked about at once: 在平时、主汛期以及发布预警时分别有何要求 / 保洁员和护路员各配几名
_SEVERAL = re.compile(r"([^，,？?。；;]{4,48}?)(?:时|的时候|期间)?(?:分别|各自|各)(?:是|有|为|要|需|应|怎么|如何|咋|有何|有什么|什么|多少|几|配|发|按)")
_SIDE_SPLIT = re.compile(r"、|以及|还有|和|与|跟|及|或者|或")
# the papers to bring asked for (得带些啥东西、准备啥材料、要交什么证明): a list, answered by the materials the text enumerates
_MATERIALS = re.compile(r"(?:带|准备|交|提交|提供|拿|备)[上齐好些点着了]{0,2}(?:啥|什么|哪些|哪样)(?:材料|证件|证明|资料|东西|证)|"
                        r"(?:啥|什么|哪些)(?:材料|证件|资料|证明材料)")
# the conditions asked for (需要满足哪些条件、得够啥条件、报名有啥条件、有什么资格要求): answered by the ones the text sets out
ASKS_CONDITIONS = re.compile(r"(?:满足|具备|符合|需要|要|有|够|得|还)(?:哪些|什么|啥|哪几个|几个)(?:样的)?(?:申请|基本|资格|报名|准入)?条件|"
                             r"(?:啥|什么|哪些)(?:资格|条件)|条件(?:是|有)(?:啥|什么|哪些)|够(?:不够)?(?:条件|格)")
_WHY = re.compile(r"为什么|为何|为啥|干嘛要|原因|有什么意义|意义是什么|有什么作用|作用是什么|有什么好处|目的是")
_LIST = re.compile(r"哪几|哪些|几个环节|几个步骤|几个方面|几步|几类|几种|几项|几个阶段|什么步骤|哪些步骤|分别是|分别指|包括什么|"
                   r"包括哪|都有什么|有什么内容|(?:啥|什么|哪些)内容|主要内容|主要任务|主要职责|具体内容|哪些环节|都包括|什么条件|啥条件|哪些条件|哪[一二三四五六七八九十两]+[个项条类种步级]?[^，。？?]{0,3}[？?]*$")
_HOWTO = re.compile(r"怎么办|如何|该怎么|(?:啥|什么|哪些)(?:别的)?(?:办法|法子|招)|怎么做|怎样|怎么处理|怎么调解|怎么操作|怎么管|怎么走|怎么弄|要走什么|需要做什么|应该做什么|"
                    r"咋办|咋弄|该咋|咋个|咋[整做搞发算管报走干]|程序|流程|步骤|办理|"
                    # how to do a deed of its own (咋操作、得咋给他登记、怎么报销): not 咋回事, 怎么样, 怎么不… (why)
                    r"(?:咋|怎么|怎样)(?!回事|一回事|样|不|没|会|还|就|这么|那么|理解|认定|界定|定义|算|说|看|讲)"
                    r"[\u4e00-\u9fff]")
_HOWTO_NOUNS = frozenset(("程序", "流程", "步骤", "办理"))
# a question that asks when (啥时候前弄完): answered by a day or a month (6月30日前), though not always by a figure
# (汛期前), so the gate never refuses it for want of one
_WHEN = re.compile(r"什么时候|啥时候|啥时|何时|几时|哪天|多会儿|几号")
_NUMBER = re.compile(rf"(?:几|多少)(?!乎)|多长|多久|多大|多远|{_WHEN.pattern}|哪一年|哪年|几月|期限|时限|多高|多深|多宽|多厚|多重|多粗|"
                     r"(?:啥|什么)范围")
_YESNO = re.compile(r"能不能|可不可以|可以吗|能否|是否|算不算|行不行|对不对|是不是|要不要|需不需要|有没有|合规吗|合法吗|违法吗|"
                    r"允许吗|必须吗|可否|吗[？?。]*$|(?<!什)么[？?]*$")
_WHERE = re.compile(r"哪个(?:村|县|市|省|区|镇|乡|地方)|哪里|哪儿|什么地方|在哪")
_LIST_UNITS = "环节|步骤|步|方面|类|种|项|个阶段|阶段|部分|条"
_UNIT = re.compile(r"(?:几|多少)(个?)(人|名|天|日|个月|月|年|周|小时|钟头|分钟|学时|课时|户|级|章|条|次|元|万元|亩|平方米|平米|米|公里|"
                   r"公斤|千克|吨|斤|岁|届|家|台|辆|套|间|个|倍|成|钱|块钱|块|分|趟|回|遍|顶|只|票|门|科|盏|立方米|方)")
# a number asked about money without a unit (补贴给多少、每月能拿多少值班补贴、罚多少): the answer is in 元
_MONEY_NOUNS = r"补贴|补助|工资|报酬|酬劳|费用|经费|资金|租金|奖金|奖励|罚款|罚金|保费|押金|价格|价钱|津贴|工钱"
# (with a few words between: 多少工作补贴、报酬标准定多少; not 补贴对象有多少户)
_COUNTED = "人|天|日|次|年|户|亩|个|名|米|斤|家|项|条|种|类|岁|位|批|份|间"  # what 多少 counts when it asks no amount
_NOT_MONEY = rf"(?!{_COUNTED}|平方|公里)"
_MONEY = re.compile(rf"(?:给|补|发|罚|交|缴|收|掏|花|拿|领|赔|奖|付)(?:了|上|下)?多少{_NOT_MONEY}|"
                    rf"多少(?:的)?[\u4e00-\u9fff]{{0,3}}?(?:{_MONEY_NOUNS})|"
                    rf"(?:{_MONEY_NOUNS})[\u4e00-\u9fff]{{0,4}}?多少{_NOT_MONEY}")
# a share asked for (多大比例的业主同意、百分之多少、几成): stated as 30%, 三分之二, 七成
_RATIO = re.compile(r"多大比例|多少比例|比例[是为]?多少|比例[是为]?几|百分之多少|百分之几|占多少|占几成|几成|"
                    r"(?:税率|费率|利率|折扣|比率)[^，。？?]{0,4}?(?:是|为|按|选|定|大概是|一般是|能优惠|优惠)?多少")  # (税率是多少)
# an amount that a share may state as well (能报多少 → 报销70% or 2000元; 能贷多少 → 评估价的60% or 30万元)
_AMOUNT = re.compile(rf"(?:报|报销|贷|赔|补偿|保|筹|抵|(?<![积得扣打加评满总])分(?:到|得)?|拨|提)(?:了|到|下来)?多少(?!{_COUNTED}|分钟|小时|号)|"
                     r"(?:标准|额度|保额|限额|金额)[^，。？?]{0,4}?(?:是|为|定|大概是|一般是|有|得)?(?<!差)多少")  # (not 差多少: a difference)
_DURATION = re.compile(r"多久|多长时间|多少时间|几天内|多少天内")
# how a measure asked for may be written in the material
WHEN_UNIT = "日期"
# measures the material may state in other terms (汛期前; 建筑高度的1.5倍; 6月龄): they help choose the sentence, but the
# gate never refuses for want of one
LOOSE_UNITS = frozenset((WHEN_UNIT, "长度", "岁"))
_MEASURE_FORMS = {"钱": "元|万元|块", "块钱": "元|万元|块", "块": "元|万元|块", "钟头": "小时|钟头",
                  "长度": "米|厘米|毫米|公里|千米|公分", "岁": "岁|周岁|月龄|个月", "天": "天|日|个工作日", "日": "天|日|个工作日",
                  "人": "人|名", "名": "人|名",
                  "次": "次|趟|回|遍", "趟": "次|趟|回|遍", "回": "次|趟|回|遍", "遍": "次|趟|回|遍", "个月": "个月|月", "月": "个月|月", "周": "周|星期|天|日",
                  "成": "成|%|％", "比例": "%|％|分之|成", "额度": "元|万元|块|%|％|分之|成",
                  "方": "方|立方米|立方", "立方米": "立方米|方|立方", "倍": "倍", "学时": "学时|课时|小时", "课时": "学时|课时|小时",
                  "平米": "平方米|平米|㎡", "平方米": "平方米|平米|㎡", "公斤": "公斤|千克", "千克": "公斤|千克", "个": "个|名|位|人|只|件|家|项|户|条|次", "时长": "天|日|个月|月|年|周|季度|小时|分钟|星期|工作日",
                  WHEN_UNIT: "月|日|号"}
_NUMERAL = "0-9０-９一二三四五六七八九十两百千万半"
_SHARE = f"(?:[{_NUMERAL}]+分之[{_NUMERAL}]+|过?半数|[0-9]+(?:[.．][0-9]+)?[%％])"
_BODY = "村民|居民|成员|代表|业主|党员|户|人员|人数|选民|群众|职工|会员"
_PEOPLE_SHARE = f"(?:{_BODY})[^，。；]{{0,8}}?{_SHARE}|{_SHARE}(?:以上)?(?:的)?(?:有选举权的|有表决权的)?(?:{_BODY})"
# the question is about how a rule used to be (material that is 已修订 / 已废止 may then answer)
_HISTORY = re.compile(r"历史|过去|(?<![天日月年号点时])以前|原来|原先|旧版|旧的|旧法|老版|老规定|修订前|修改前|修正前|曾经|当年|最初|最早|"
                      r"由来|沿革|演变|变化|改了什么|改动|(?:19|20)\d{2}年(?:版|修订|修正|修改|的版本|的规定|那版)|废止")
# a practice described, its name asked for: ……公开张贴，这是什么做法？ / 这种办法叫什么？
_NAMING = re.compile(r"(?:这|这种|这样的?|此)(?:种)?(?:做法|办法|制度|机制)?(?:是|叫|叫做|属于|算)(?:什么|哪种|哪一种|哪个)"
                     r"[\u4e00-\u9fff]{0,4}?(?:做法|办法|制度|机制|工作法|模式|方式|经验)|(?:这|这种)(?:做法|办法|制度)叫什么|"
                     r"叫什么(?:做法|办法|制度|名字)")
_QUOTED = re.compile(r"[“\"「『《]([^”\"」』》]{2,20})[”\"」』》]")
# a short term in quotes (“四议两公开”): a practice or procedure the text names
QUOTED_TERM = r"[“\"「]([^”\"」]{2,10})[”\"」]"


@dataclass(frozen=True)
class QuestionInfo:
    text: str
    kind: Kind
    subject: str = ""
    sides: tuple[str, ...] = ()
    unit: str = ""
    quoted: tuple[str, ...] = field(default_factory=tuple)

    @property
    def history(self) -> bool:
        """Whether the question asks how a rule used to be, or how it changed."""
        return bool(_HISTORY.search(self.text))

    @property
    def measure(self) -> re.Pattern[str] | None:
        """What a stated answer to a number question looks like (三至九人, 30日, 800元), or None."""
        if self.kind != "number" or not self.unit:
            return None
        forms = _MEASURE_FORMS.get(self.unit, re.escape(self.unit))
        every = f"|每(?:{forms})" if self.unit == "时长" else ""
        # 几年 asks how many years: 2021年 is a date, not an answer
        date = "(?<![0-9０-９])(?![0-9０-９]{4})" if self.unit == "年" else ""
        # 多少人同意、到会: a share of a body of people answers it too (村民三分之二以上、到会人员的过半数、五分之一以上有选举权的
        # 村民; not 条款变动超过三分之一)
        share = f"|{_PEOPLE_SHARE}" if self.unit in ("人", "名") else ""
        # documents often set digits apart from the unit (7 天内, 1 名)
        return re.compile(f"{date}[{_NUMERAL}]+(?:[.．][0-9]+)? ?(?:[至到\\-～~] ?[{_NUMERAL}]+)? ?(?:个)?(?:{forms}){every}{share}")

    @property
    def materials(self) -> bool:
        """Whether the question asks which papers to bring (得带些啥东西？要交哪些材料？)."""
        return bool(_MATERIALS.search(self.text))

    @property
    def conditions(self) -> bool:
        """Whether the question asks what it takes (得满足啥条件？报名有啥条件？够条件不？)."""
        return bool(ASKS_CONDITIONS.search(self.text))

    @property
    def compares(self) -> bool:
        """Whether the question asks how things differ or relate (区别、关系), not only about each of them."""
        return bool(_COMPARISON.search(self.text))

    @property
    def key_terms(self) -> tuple[str, ...]:
        """Terms the question is about, as the asker wrote them (for the gate and for sentence choice)."""
        # the things a question asks about one by one (夏天和秋天分别…) are the asker's words, not names of the material's
        terms = [*self.quoted, *( [self.subject] if self.subject else []), *(self.sides if self.compares else ())]
        return tuple(dict.fromkeys(t for t in terms if len(t) >= 2))


def _clean_term(term: str) -> str:
    term = re.sub(r"^(?:请问|那么?|所谓|我们|咱们|村里的?|社区的?|这个|那个)", "", term.strip())
    term = re.sub(r"(?:具体|到底|究竟|又|都|分别|各自|这两者|两者|二者)+$", "", term)
    return term.strip("“”\"'《》「」 ，,")


def colloquial(term: str) -> bool:
    """A phrase in the asker's own words rather than a name the material could use (考得好、七天以内、直接拿现金、商品林受了灾;
    not 一般隐患、网格化管理、劝退): a deed, a time, a particle or a pronoun among its several words."""
    words = pos_words(term)
    return len(words) > 1 and any(tag[:1] in ("v", "u", "r", "m", "t", "f", "d", "p") for _, tag in words)


def _clean_side(side: str, first: bool) -> str:
    """One side of a comparison as a term: the first side without the clauses before it (镇里查出来的毛病，一般隐患 →
    一般隐患) or a deed that found it (评出来中风险 → 中风险), the second without the clauses after it or how it is dealt
    with (重大隐患处理起来 → 重大隐患; 低风险，后面处理起来 → 低风险)."""
    side = side.strip("，,；;：: ")
    if first:
        side = re.split(r"[，,；;：:]", side)[-1]
        side = re.sub(r"^[\u4e00-\u9fff]{1,3}(?:出来|起来|下来)的?", "", side)
    else:
        side = re.split(r"[，,；;：:]", side)[0]
        side = re.sub(r"(?:在|的)?(?:处理|处置|办理|管理|对待|执行|操作|算|管|办|弄|用)?(?:起来|上|时|的时候)$", "", side)
    return _clean_term(side)


def _asked_clauses(q: str) -> str:
    """The clauses that carry a question (end in ？ or close the text): 街道召集几个部门来处理，……这算报到吗？
    asks yes/no, not a number; 好几个 is never a question."""
    clauses = [c for c in re.split(r"(?<=[，,；;。？?！!])", q) if c.strip()]
    asked = [c for i, c in enumerate(clauses) if re.search(r"[？?]\s*$", c) or i == len(clauses) - 1]
    return re.sub(r"好几|几乎", "", "".join(asked))


def sub_questions(question: str) -> list[str]:
    """The separate questions in one message (each ending in ？), when there are several."""
    parts = [p.strip() for p in re.split(r"(?<=[？?])", question) if len(re.sub(r"\W", "", p)) >= 4]
    return parts if len(parts) > 1 else [question]


def asked_units(question: str) -> list[str]:
    """Every measure a number question asks for, in order: 共有几章几条 → [章, 条]."""
    return [m.group(2) for m in _UNIT.finditer(_asked_clauses(question))]


# the kind of money a number question asks about, and the words a sentence stating that kind uses: a fine is not
# answered by a rent (罚多少钱 ← 月租不超过150元), a duty's pay not by a household's income
_MONEY_KINDS = (r"罚", r"补贴|补助|报酬|工资|津贴|奖励|奖金|酬劳|工钱|绩效|救助|慰问金|误工费",
                r"费|租|价|押金|收取|缴纳|交纳", r"经费|资金|预算|投入|拨付")


_MONEY_UNITS = frozenset(("钱", "块钱", "块", "元"))  # the units of a question that asks an amount of money


def money_kind(info: QuestionInfo) -> re.Pattern[str] | None:
    """For a question asking an amount of money, the words of the kind of money it asks about (罚 for 要罚多少钱)."""
    if info.unit not in _MONEY_UNITS:
        return None
    clause = number_clause(info.text)
    return next((re.compile(kind) for kind in _MONEY_KINDS if re.search(kind, clause)), None)


_SIZE_ASKED = re.compile(r"(?:哪|几)几?个?(类|种|组|项|条|个方面|方面|级|档|步|环节|阶段|部分|队|块)")


def asked_size(question: str) -> str:
    """The measure word of a list asked for by its size (分哪几类 → 类, 按哪几步走 → 步), or ""."""
    m = _SIZE_ASKED.search(question)
    return m.group(1) if m else ""


def counted_list(measure: str) -> re.Pattern[str]:
    """How a text announces a list of that measure by its size (三类、五步法、四个环节、5条; not 第一类, nor a
    quantity such as 沙袋不少于500条)."""
    return re.compile(f"(?<![第0-9一二三四五六七八九十])(?:[一二三四五六七八九十两]+|[0-9]{{1,2}})个?{measure}")


def number_clause(question: str) -> str:
    """The clause that asks for a number (一般由几个人组成？), or the whole question."""
    for clause in re.split(r"[，,；;。？?！!]", question):
        if _NUMBER.search(clause) and not re.search(r"好几|几乎", clause) and not _YESNO.search(clause + "？"):
            return clause
    return question


def number_head(question: str) -> str:
    """What the number is asked about, as written just before 几/多少 in the asking clause (罚 in 被抓到要罚多少钱,
    公示 in 方案要公示几天), with the words of asking stripped; empty when nothing is left."""
    clause = number_clause(question)
    # 多长时间内开工、几天内报镇里: the deed is named after the time it is asked for
    after = re.search(r"(?:几|多少|多长时间|多久)[^内，,？?]{0,4}?(?:之内|以内|内)(?:要|得|必须|应当|就)?([\u4e00-\u9fff]{2,4})",
                      clause)
    if after:
        return after.group(1)
    m = re.search(r"几|多少", clause)
    if not m:
        return ""
    before = clause[: m.start()]
    while True:
        stripped = re.sub(r"(?:要|能|可以|可|得|该|应该|应当|应|须|需要|需|大概|大约|一般|一共|总共|共|最多|最少|至少|最长|"
                          r"最晚|每|的|了|是|有|为|由|在|到|被|按|给|交|花|掏|付|拿|领|用|算|达到|达|满|过|超过|不超过|不少于|内|以内|"
                          r"就|才|都|还|也|又|再|先|后)$", "", before)
        if stripped == before:
            break
        before = stripped
    return before


def _several(question: str) -> tuple[str, ...]:
    """The things a question asks about one by one (分别、各自), when it names at least two: the first named after
    what they belong to (巡查频次在平时 → 平时), the last before what is asked of them (护河员的补贴 → 护河员)."""
    m = _SEVERAL.search(question)
    if not m:
        return ()
    parts = [p.strip() for p in _SIDE_SPLIT.split(m.group(1))]
    if len(parts) < 2:
        return ()
    parts[0] = re.split(r"在|对|按|给|的|里|中", parts[0])[-1]
    parts[-1] = parts[-1].split("的")[0]
    sides = tuple(_clean_term(p) for p in parts)
    return sides if all(2 <= len(s) <= 12 and not re.search(r"什么|哪|几|多少|怎么|如何", s) for s in sides) else ()


# the words where the subject of a question ends: its predicate or the ask (村民代表会议｜要多少代表到会；危房改造补助对象｜有哪些)
_PREDICATE = frozenset("是 有 没有 要 需要 得 应当 应该 必须 可以 能 能否 是否 怎么 怎样 如何 咋 啥 什么 哪 哪些 哪个 哪几 几 几个 "
                       "多少 多久 多长 多长时间 为什么 为何 一般 从 在 由 对 归 都 该 会 和 与 跟 能不能 可不可以 是不是 要不要 "
                       "算不算 ， , ？ ? 。".split())
_OPENING = re.compile(r"^(?:请问|那么?|咱们?|我们|俺们?|村里|社区里?|镇里)+")


def opening_subject(text: str) -> str:
    """The phrase a question opens with, up to its predicate (村民代表会议要多少代表到会 → 村民代表会议), cut by
    jieba's words; empty when it is no phrase of 2–14 characters."""
    cut = words(_OPENING.sub("", text.strip()))
    end = next((i for i, w in enumerate(cut) if w in _PREDICATE or re.match(r"几|多少|多久|多长", w)), len(cut))
    if len("".join(cut[:end])) > 14 and "的" in cut[1:end - 1]:  # 村级光伏电站的收益扣除运维费后… → 村级光伏电站的收益
        end = cut.index("的", 1) + 2
    subject = "".join(cut[:end]).rstrip("的里中上")
    return subject if 2 <= len(subject) <= 14 else ""


def analyse(question: str) -> QuestionInfo:
    q = question.strip()
    quoted = tuple(dict.fromkeys(_QUOTED.findall(q)))
    several = _several(q)
    if several:
        return QuestionInfo(q, "comparison", sides=several, quoted=quoted)
    if _COMPARISON.search(q):
        sides: tuple[str, ...] = ()
        m = _SIDES.search(q)
        if m:
            sides = tuple(s for s in (_clean_side(m.group(1), first=True), _clean_side(m.group(2), first=False))
                          if len(s) >= 2)
        return QuestionInfo(q, "comparison", sides=sides, quoted=quoted)
    if _WHY.search(q):
        return QuestionInfo(q, "why", quoted=quoted)
    if _NAMING.search(_asked_clauses(q)):
        return QuestionInfo(q, "naming", quoted=quoted)
    for pattern in _DEFINITION:
        m = pattern.match(q)
        if m:
            subject = _clean_term(m.group(1))
            if subject and not re.search(r"[，,；;]", subject) and len(subject) <= 20:
                return QuestionInfo(q, "definition", subject=subject, quoted=quoted)
    asked = _asked_clauses(q)
    unit_match = _UNIT.search(asked)
    if re.search(r"什么程序|哪些程序|什么流程|(?:什么|啥|哪些)手续", q):
        return QuestionInfo(q, "howto", quoted=quoted)
    # 共有几章几条: a count, not a list (一共有几个步骤 still wants the steps)
    counted = re.search(r"(?:共|一共|总共|总计)(?:有)?(?:几|多少)(?!个?(?:环节|步骤|步|方面|阶段|部分))", asked)
    if not counted and (_LIST.search(q) or _MATERIALS.search(q) or re.search(f"(?:几|多少)个?(?:{_LIST_UNITS})", q)):
        return QuestionInfo(q, "list", quoted=quoted)
    if _NUMBER.search(number_clause(asked)) and number_clause(asked) != asked or (
            _NUMBER.search(asked) and not _YESNO.search(asked)):
        # (啥时间要求、时限: how long each step may take, 1分钟内出动 — not a date for 啥时)
        unit = "时长" if _DURATION.search(asked) or re.search(r"时间要求|时限|时间规定|时间限制", asked) else (
            unit_match.group(2) if unit_match else "")
        unit = unit or ("钱" if _MONEY.search(asked) else "比例" if _RATIO.search(asked) else "额度" if _AMOUNT.search(asked) else
                        WHEN_UNIT if _WHEN.search(asked) else
                        # 留多深、离多远、多宽的道: a length; 娃多大能打: an age
                        "长度" if re.search(r"多深|多宽|多远|多高|多厚|多粗|(?<!时间)多长(?!时间)", asked) else
                        "岁" if re.search(r"(?:娃|孩子|小孩|宝宝|老人|年龄|岁数|人)[^，。？?]{0,6}多大", asked) else "")
        return QuestionInfo(q, "number", unit=unit, quoted=quoted)
    if _WHERE.search(asked):
        return QuestionInfo(q, "where", quoted=quoted)
    how = _HOWTO.search(q)
    # 是否需要办理变更登记？ asks yes or no: 办理、程序 only name what the yes/no is about
    if how and not (_YESNO.search(asked) and all(m.group() in _HOWTO_NOUNS for m in _HOWTO.finditer(q))):
        return QuestionInfo(q, "howto", quoted=quoted)
    if _YESNO.search(asked):
        return QuestionInfo(q, "yesno", quoted=quoted)
    return QuestionInfo(q, "other", quoted=quoted)
