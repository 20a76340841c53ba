"""Quiz data (contract C4): a Question (one of four shapes, by type), a QuizSet, and the Chinese labels of
question types."""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal, Self

from pydantic import (BaseModel, Field, StrictBool, StrictInt, StrictStr, TypeAdapter, field_validator,
                      model_validator)

from ..models import now

QuestionType = Literal["single_choice", "multiple_choice", "true_false", "fill_blank", "short_answer"]
TYPES: tuple[str, ...] = ("single_choice", "multiple_choice", "true_false", "fill_blank", "short_answer")
TYPE_LABELS = {"single_choice": "单选题", "multiple_choice": "多选题", "true_false": "判断题",
               "fill_blank": "填空题", "short_answer": "简答题"}
CHOICE_TYPES = ("single_choice", "multiple_choice")
LETTERS = "ABCDEFGH"  # how options are labelled wherever they are shown


class QuoteSource(BaseModel):
    source: str
    quote: str  # a verbatim span of the cleaned source text supporting the answer


class _Item(BaseModel):
    """What every question has. A question is one of the four shapes below, told apart by ``type``; each
    declares its own ``answer``, so code that has narrowed a question knows its answer's type."""

    id: str = ""
    type: str  # narrowed to literals by each shape
    stem: str = Field(min_length=2)
    explanation: str = ""
    source: QuoteSource

    @model_validator(mode="after")
    def _default_id(self) -> Self:
        if not self.id:
            self.id = "q-" + hashlib.sha1(f"{self.type}\x00{self.stem}".encode()).hexdigest()[:10]
        return self

    def contract(self) -> dict:
        """The C4 JSON object, in the contract's key order (options only for choice questions)."""
        data = self.model_dump(exclude_none=True)
        return {key: data[key] for key in _C4_ORDER if key in data}


class ChoiceQuestion(_Item):
    type: Literal["single_choice", "multiple_choice"]
    options: list[str] = Field(min_length=1)
    answer: list[StrictInt]  # indexes into options

    @field_validator("options", mode="before")
    @classmethod
    def _need_options(cls, value: object) -> object:
        if not value:
            raise ValueError("choice questions need options and a list of option indexes as answer")
        return value


class _Unchosen(_Item):
    """A question without options (any given are ignored)."""

    @property
    def options(self) -> None:
        return None


class TrueFalseQuestion(_Unchosen):
    type: Literal["true_false"]
    answer: StrictBool


class FillBlankQuestion(_Unchosen):
    type: Literal["fill_blank"]
    answer: list[StrictStr] = Field(min_length=1)  # the accepted fillings


class ShortAnswerQuestion(_Unchosen):
    type: Literal["short_answer"]
    answer: StrictStr = Field(min_length=1)  # the reference answer


Question = Annotated[ChoiceQuestion | TrueFalseQuestion | FillBlankQuestion | ShortAnswerQuestion,
                     Field(discriminator="type")]
_C4_ORDER = ("id", "type", "stem", "options", "answer", "explanation", "source")
_QUESTION: TypeAdapter[Question] = TypeAdapter(Question)


def parse_question(data: object) -> Question:
    """A question of the shape its ``type`` names (a dict, or a model of any shape); ValueError
    (pydantic's ValidationError) when it does not fit."""
    if isinstance(data, BaseModel):
        data = data.model_dump()
    return _QUESTION.validate_python(data)


def make_question(**fields: object) -> Question:
    """``make_question(type="true_false", stem=…, answer=False, source=…)``: the shape its type names."""
    return parse_question(fields)


def parse_question_json(text: str | bytes) -> Question:
    return _QUESTION.validate_json(text)


class QuizSet(BaseModel):
    title: str
    questions: list[Question]
    id: str = ""
    topic: str = ""
    status: Literal["draft", "published"] = "draft"
    author: str = ""
    created: str = Field(default_factory=now)
    updated: str = Field(default_factory=now)

    def contract(self) -> dict:
        """C4: ``{"title", "questions"}``, extended with the set's metadata."""
        return {"title": self.title, "questions": [q.contract() for q in self.questions], "id": self.id,
                "topic": self.topic, "status": self.status, "author": self.author, "created": self.created,
                "updated": self.updated}
