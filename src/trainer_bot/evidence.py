"""Evidence the gate's rules look for in the retrieved passages: whether they state the figure a number question asks
for, announce the list asked for by its size, and whether a term the asker names occurs in the material at all.

Used by :meth:`trainer_bot.retrieve.HybridRetriever.decide`; each check reads the passages and the store's lexical
index, never the dense scores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .models import Passage
from .question import QuestionInfo, asked_size, counted_list, money_kind, number_clause, number_head
from .split import chunk_units
from .tokenizer import Tokenizer, aliases, pos_words, whole_words

if TYPE_CHECKING:
    from .retrieve import LexicalIndex

# the words that ask for a number are not what a stated number must be about
ASKING = frozenset("多久 多长 多长时间 时间 多大 最晚 最长 最多 最少 至少 一次 钱 块 块钱 要 能 比例 多大比例 百分之".split())
# characters that carry no content of their own in a colloquial word (得罚、报上来、待够、能取)
_FUNCTION_CHARS = frozenset("得要能才会可该应须就都也还再又在里上下来去到给把被让的地了着过是有这那哪几多少么啥咋怎个些")
_NUMBER_ASK = re.compile(r"几|多少|多久|多长|多大|百分之|啥时候|什么时候|哪天")
# a place or the state as the asker names who pays or decides (县里、镇上、政府、上头)
_GIVER = re.compile(r"(?:县|镇|乡|村|区|市|省|街道|社区)(?:里|上|上头)$|政府$|国家$|上头$|上面$|上级$")
# a body that acts (文旅局、开发商、维保公司、服务站)
_BODY = re.compile(r"(?:局|公司|单位|厂|商|站|所|部门|委员会|村委会|中心|银行|医院|学校)$")


# what a rate asked for is counted by (一亩、每头、一户、每盏): a sentence stating the figure of another base (每公里1200元
# for 每亩能领多少) states another rate; a count a base may be written in other words (每名、人均 for 每人)
_BASES = {"亩": "亩", "头": "头|只", "只": "只|头|羽", "户": "户|家", "人": "人|名|员", "名": "人|名|员", "盏": "盏", "枚": "枚",
          "发": "发|枚", "台": "台|套", "辆": "辆|台", "部": "部|台", "座": "座|处|个", "处": "处|座|个", "间": "间", "套": "套",
          "公里": "公里|千米", "吨": "吨", "平方米": "平方米|平米|㎡", "本": "本", "张": "张", "村": "村", "株": "株|棵", "棵": "棵|株"}
_PER = re.compile(r"(?:每|一|1|单|人均|户均|亩均)(?:个|位)?(" + "|".join(sorted(_BASES, key=len, reverse=True)) + ")")


def per_base(clause: str) -> re.Pattern[str] | None:
    """The base of a rate the clause asks for (一亩能领多少 → 亩), as the words a stating sentence may use for it."""
    m = _PER.search(clause)
    if not m or not _NUMBER_ASK.search(clause[m.end():]):
        return None
    # (or the thing counted after the measure word: 一张卡 is written 每卡)
    thing = re.match(r"[\u4e00-\u9fff]", clause[m.end():])
    named = f"|{thing.group()}" if thing and thing.group() not in _FUNCTION_CHARS and thing.group() not in "地塘田房" else ""
    return re.compile(_BASES[m.group(1)] + named)


def _named(word: str, text: str) -> bool:
    """The text names the word itself or by an alias (村委会 for 村民委员会)."""
    return word in text or any(a in text for a in aliases().get(word, ()))


class Evidence:
    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer

    def counts_asked_list(self, question: str, tokens: Sequence[str], passages: Sequence[Passage],
                           index: LexicalIndex) -> bool:
        size = asked_size(question)
        known = [t for t in whole_words(list(dict.fromkeys(tokens))) if len(t) >= 2 and index.df.get(t, 0)]
        if not size or not known:
            return False
        subject = max(known, key=self.tokenizer.specificity)
        counted = counted_list(size)
        stated = [(p, " ".join((*p.chunk.heading_path, p.chunk.text))) for p in passages if p.role != "example"]
        if any(counted.search(text) and subject in index.source_text(p.chunk.source) for p, text in stated):
            return True
        # or numbers them in order, three or more (## 第一步：摸底建册 … ## 第四步：协助体检政考)
        ordinals = {m for _, text in stated for m in re.findall(f"第([一二三四五六七八九十]+|[0-9]{{1,2}}){size}", text)}
        return len(ordinals) >= 3 and any(subject in index.source_text(p.chunk.source) for p in passages)

    def states(self, info: QuestionInfo, passages: Sequence[Passage], index: LexicalIndex) -> bool:
        """Whether a passage states the measure the number question asks for (the clause that asks, or failing
        that the whole question)."""
        measure = info.measure
        if measure is None:
            return False
        head = self._head(info.text)
        kind = money_kind(info)
        clause = number_clause(info.text)
        anchor = self._measured(clause, index)
        base = per_base(clause)
        return any(self._states_measure(measure, self.tokenizer(text), passages, index, head, kind, anchor, base)
                   for text in dict.fromkeys((clause, info.text)))

    @staticmethod
    def _measured(clause: str, index: LexicalIndex) -> str:
        """The noun nearest before the number ask, of those the material uses (津贴 of 高龄津贴每月发多少钱, 异议 of
        向县司法局提异议要在几天内提出, not 镇里 of 镇里各补多少钱): what the number is of. The sentence that states
        the number, its sections or its document's title must speak of it."""
        words = pos_words(clause)
        ask = next((i for i, (w, _) in enumerate(words) if _NUMBER_ASK.search(w)), len(words))
        gives = False
        for i in range(ask - 1, -1, -1):
            word, tag = words[i]
            if i and words[i - 1][0] in ("给", "向", "让", "对", "跟", "和", "帮", "替", "为", "按"):
                continue  # 给住户几天时间整改: whom it is for; 按成交价的百分之几: the base, not what is measured
            if _GIVER.match(word):
                gives = True
                continue  # 县里那个实操班要上几天课, 政府一亩补多少: who sets or pays it, never what is measured
            # (not a modal and its verb the tokenizer joins: 能报、要交 of 刷医保一般能报多少)
            if tag in ("n", "nt", "nz", "vn") and len(word) >= 2 and word not in ASKING and index.df.get(word, 0) \
                    and not re.match(r"能|要|可|得|该|会|需", word):
                if not Evidence._agent(words, i):
                    return word
        # or, when the asker names only who gives it, the thing named after the ask (县里给多少改造补助款 → 补助款)
        after = [w for w, tag in words[ask + 1:] if tag in ("n", "nz", "vn") and len(w) >= 2 and w not in ASKING
                 and index.df.get(w, 0)]
        return after[-1] if after and gives else ""

    @staticmethod
    def _agent(words: list[tuple[str, str]], i: int) -> bool:
        """Whether the noun at ``i`` is who does something, not what is measured: it opens its clause (or follows
        的 or a pronoun, not a verb) and a must follows it after a time (送教的老师一个月得来几趟, 咱驿站得几天内转出去,
        第一书记一年得待够多少天; not 提异议要在几天内提出); or a body acts on it (文旅局审批要等多久,
        开发商保修几年); or someone gives it (县里能给补多少钱)."""
        j = i + 1
        while j < len(words) and words[j][1] in ("m", "t", "mq"):
            j += 1
        must = j < len(words) and re.match(r"得|要|应|需|必须", words[j][0]) is not None
        if must and (i == 0 or words[i - 1][1] != "v"):
            return True
        if j == i + 1 and j < len(words) and words[j][1] == "v" and (words[i][1] == "nt" or _BODY.search(words[i][0])):
            return True
        while j < len(words) and (words[j][1] == "d" or words[j][0] in ("能", "会", "可以", "能够")):
            j += 1
        return j < len(words) and words[j][0] == "给"

    def _head(self, question: str) -> str:
        """The last word before the number ask (罚 in 被抓到要罚多少钱), when the material could write it in other words
        only rarely: a word of at least two characters or one specific character."""
        # (not the ask itself: 按成交价的百分之几 asks by 百分之, which a guide writing 10% never uses)
        words = [w for w in self.tokenizer(number_head(question)) if not _NUMBER_ASK.search(w) and w != "百分"]
        head = words[-1] if words else ""
        return head if len(head) >= 2 or (head and self.tokenizer.specificity(head) >= 3.0) else ""

    def _states_measure(self, measure: re.Pattern[str], tokens: Sequence[str], passages: Sequence[Passage],
                        index: LexicalIndex, head: str = "", kind: re.Pattern[str] | None = None,
                        anchor: str = "", base: re.Pattern[str] | None = None) -> bool:
        """Whether some sentence states such a measure about what is asked: the passage it stands in, with
        its document title and section, holds at least 30% of the asking words by specificity
        (农家书屋管理员补贴多少钱 is not answered by a passage about the books' budget in 元), in a document that
        speaks of what the number is asked about (焚烧秸秆要罚多少钱 is not answered by 每吨30元给予补助 in a
        guide that never mentions a fine)."""
        words = [t for t in whole_words(list(dict.fromkeys(tokens))) if not measure.fullmatch(t) and t not in ASKING
                 and len(t) > 1 and not re.match(r"几|多少|最多|最少|至少|最长|最高|最低|最晚|[天日月年周]内$", t)]
        weights = {t: self.tokenizer.specificity(t) for t in words}
        total = sum(weights.values())

        for passage in passages:
            section = passage.chunk.heading
            # an amount of the kind of money asked about (a fine, a pay, a fee), in the sentence or its section
            # (a table row's base may be in its header: 生长阶段｜…｜每亩最高赔付)
            header = next((line for line in passage.chunk.text.split("\n") if "｜" in line or "|" in line), "") \
                if base is not None else ""
            stating = [u for u in chunk_units(passage.chunk.text)
                       if measure.search(u) and (kind is None or kind.search(f"{section}{u}"))
                       and (base is None or base.search(f"{section}{u}{header if '｜' in u or '|' in u else ''}"))]
            if passage.role == "example" or not stating:
                continue
            text = " ".join((passage.chunk.title, *passage.chunk.heading_path, passage.chunk.text))
            if head and not self._mentions(passage.chunk.source, head, index):
                continue
            # the sentence that states the number speaks of what it is asked about, in a word of the asking or
            # under a heading that does (取水口周边多少米 is not answered by 界标间距不超过200米)
            if words and not any(self._said(w, f"{section}{u}", index) for u in stating for w in words):
                continue
            said = f"{passage.chunk.title}{''.join(passage.chunk.heading_path)}{''.join(stating)}"
            if anchor and not _named(anchor, said):
                continue
            i = index.by_id.get(passage.chunk.id)  # the lexical index already holds the chunk's words
            present = set(index.token_sets[i]) if i is not None else set(self.tokenizer(text))
            present |= {t for t in weights if self._said(t, text, index)}
            if not total or sum(w for t, w in weights.items() if t in present) / total >= 0.3:
                return True
        return False

    @staticmethod
    def _said(word: str, text: str, index: LexicalIndex) -> bool:
        """Whether the text says the asker's word: itself, an alias, or — for a verb the material never writes (得罚、
        报上来、交满) — one of its content characters (罚款、报告、缴费满15年). (A part the material uses as a word, 补助
        of 补助款, was tried too: on two blind sets it let four near misses through and answered none more.)"""
        if _named(word, text):
            return True
        if index.df.get(word, 0) or any(tag.startswith("n") for _, tag in pos_words(word)):
            return False  # (a name is not said by a character of it: 业主 is not 业委会)
        return any(ch in text for ch in word if ch not in _FUNCTION_CHARS)

    @staticmethod
    def _mentions(source: str, head: str, index: LexicalIndex) -> bool:
        """Whether the document uses a character of the word a number is asked about anywhere (a guide that never
        speaks of 罚 states no fine, whatever amounts in 元 it gives; 签几年 may be answered by 期限 in a guide that
        speaks of 签订 elsewhere)."""
        text = index.source_text(source)
        return any(ch in text for ch in head)

    def term_unknown(self, term: str, index: LexicalIndex) -> bool:
        """A named term the material cannot be about: not in any chunk, and one of its words in none either
        (“吹哨报到” is written 街乡吹哨、部门报到 — known words; “八项规定” has 八项, which no chunk uses)."""
        if index.mentions(term):
            return False
        words = [t for t in self.tokenizer(term) if self.tokenizer.specificity(t) >= 2.0]
        return not words or any(not index.df.get(t, 0) for t in words)
