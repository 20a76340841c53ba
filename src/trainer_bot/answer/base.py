"""The narrow interface every answer engine implements."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from ..models import Answer, Retrieval


class Answerer(Protocol):
    name: str

    def answer(self, retrieval: Retrieval) -> Answer:
        """A grounded answer to ``retrieval.question`` from ``retrieval.passages`` (or a refusal)."""
        ...

    def stream(self, retrieval: Retrieval) -> Iterator[str | Answer]:
        """Text pieces as they are produced, then the final :class:`Answer`."""
        ...


def refusal_text(question: str, topics: Sequence[str], greeting: bool = False) -> str:
    examples = "、".join(f"“{t}”" for t in topics[:4])
    hint = f"材料目前涵盖的主题包括：{examples}等。" if examples else "目前还没有导入任何培训材料，请先导入材料。"
    if greeting:
        return f"您好！我是基层干部培训助手，只根据已导入的培训材料回答问题，并注明出处。{hint}请直接提出您想了解的问题。"
    return (
        "抱歉，现有培训材料中没有找到能回答这个问题的内容，我不会凭空作答。"
        f"您可以换个说法、说得更具体一些再问。{hint}"
    )


NEAREST_LEAD = ("现有培训材料中没有找到能确定回答这个问题的内容，我不会凭空作答。下面是材料中与您的问题最接近的内容，"
                "未必回答了您的问题，请对照出处自行判断：")
