"""Chinese tokenisation for BM25, the relevance gate and sentence scoring.

jieba with the governance glossary (``knowledge/_glossary.txt``) as a user dictionary,
so terms such as 枫桥经验 or 四议两公开 stay whole; stopwords and punctuation dropped.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .resources import glossary_path, resource

_lock = threading.Lock()
TEXTS_KEPT = 20_000  # tokenised texts kept in memory per tokenizer
_loaded_dicts: set[Path] = set()
_WORD = re.compile(r"[\w\u3400-\u9fff]")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    words = resource("stopwords.txt").read_text(encoding="utf-8").split()
    return frozenset(words)


def _jieba(user_dicts: tuple[Path, ...] = ()):
    import jieba

    with _lock:
        if not jieba.dt.initialized:
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
        for path in user_dicts:
            if path not in _loaded_dicts and path.is_file():
                for word, freq, tag in _dict_entries(path):
                    jieba.add_word(word, freq, tag)
                _loaded_dicts.add(path)  # the dictionary changed: texts tokenised before are tokenised again
    return jieba


def _dict_entries(path: Path) -> list[tuple[str, int | None, str | None]]:
    """``(word, freq, tag)`` of a glossary file; comment lines and the category column are not jieba's."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        freq = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
        tag = fields[2] if len(fields) > 2 and fields[2].isascii() else None
        entries.append((fields[0], freq, tag))
    return entries


@lru_cache(maxsize=1)
def aliases() -> dict[str, frozenset[str]]:
    """Short and full names of the same body (居委会 ↔ 居民委员会), from ``resources/aliases.txt``."""
    out: dict[str, frozenset[str]] = {}
    for line in resource("aliases.txt").read_text(encoding="utf-8").splitlines():
        words = line.split()
        if len(words) > 1 and not line.startswith("#"):
            for word in words:
                out[word] = out.get(word, frozenset()) | frozenset(w for w in words if w != word)
    return out


def whole_words(words: Sequence[str]) -> list[str]:
    """The words not contained in another of them: search mode yields 街乡吹哨部门报到 and 吹哨 both."""
    return [w for w in words if not any(o != w and w in o for o in words)]


def load_glossary(path: Path | None = None) -> list[str]:
    """Terms of the glossary file (jieba user-dict lines: ``term [freq] [tag]``)."""
    path = path or glossary_path()
    if not path.is_file():
        return []
    terms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms.append(line.split()[0])
    return terms


def longest_first(terms: Sequence[str]) -> list[str]:
    """Distinct terms, longest first, a tie in a fixed order (not a ``set``'s, which varies with the hash seed)."""
    return sorted(set(terms), key=lambda t: (-len(t), t))


def words(text: str) -> list[str]:
    """The words of a text as jieba cuts it (precise mode), governance terms kept whole."""
    return _jieba((glossary_path(),)).lcut(text)


def pos_words(text: str) -> list[tuple[str, str]]:
    """``(word, part-of-speech flag)`` pairs, governance terms kept whole."""
    _jieba((glossary_path(),))
    import jieba.posseg

    return [(w.word, w.flag) for w in jieba.posseg.cut(text)]


class Tokenizer:
    """Content words of a text, lower-cased; glossary terms are kept whole."""

    def __init__(self, glossary: Path | None = None):
        path = glossary or glossary_path()
        self._jieba = _jieba((path,) if path.is_file() else ())
        self._stop = stopwords()
        self._kept = lru_cache(maxsize=TEXTS_KEPT)(self._tokens)  # a passage is scored for many questions

    def tokens(self, text: str) -> list[str]:
        return list(self._kept(text, len(_loaded_dicts)))

    def _tokens(self, text: str, dictionary: int = 0) -> tuple[str, ...]:  # dictionary: only part of the cache key
        # search mode: a long term yields itself and its dictionary sub-words (街乡吹哨部门报到 → 吹哨, 报到 …)
        words = self._jieba.lcut_for_search(text.lower(), HMM=True)
        return tuple(w for w in (w.strip() for w in words)
                     if w and _WORD.search(w) and w not in self._stop and not w.isdigit() or _is_number(w))

    def __call__(self, text: str) -> list[str]:
        return self.tokens(text)

    def specificity(self, token: str) -> float:
        """How specific a word is in general Chinese (jieba's dictionary frequencies), independent of the store.

        Everyday words (一般、走、规定) weigh little, terms of art (低保、焚烧厂、枫桥经验) much: unlike an IDF
        from the store, this means the same on a 20-chunk upload as on a 10,000-chunk library.
        """
        dt = self._jieba.dt
        freq = dt.FREQ.get(token, 0)
        if not freq and len(token) > 1:
            # a word jieba made up from characters (丢进、建个): as specific as its characters on average,
            # not as rare as a word that is truly absent from the dictionary would suggest
            return sum(self.specificity(ch) for ch in token) / len(token)
        return max(0.5, math.log(dt.total / (freq + 1)) - 7.0)


def _is_number(word: str) -> bool:
    return len(word) >= 2 and word.isdigit()  # years and counts matter; single digits do not
