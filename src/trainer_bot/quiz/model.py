"""Quiz data (contract C4): a Question, a QuizSet, and the Chinese labels of question types."""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, Field, model_validator

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


class Question(BaseModel):
    id: str = ""
    type: QuestionType
    stem: str = Field(min_length=2)
    options: list[str] | None = None
    answer: list[int] | bool | list[str] | str
    explanation: str = ""
    source: QuoteSource

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if self.type in CHOICE_TYPES:
            if not self.options or not isinstance(self.answer, list) or not all(isinstance(a, int) for a in self.answer):
                raise ValueError("choice questions need options and a list of option indexes as answer")
        elif self.type == "true_false":
            if not isinstance(self.answer, bool):
                raise ValueError("true_false answer must be true or false")
            self.options = None
        elif self.type == "fill_blank":
            if not isinstance(self.answer, list) or not self.answer or not all(isinstance(a, str) for a in self.answer):
                raise ValueError("fill_blank answer must be a non-empty list of accepted strings")
            self.options = None
        elif self.type == "short_answer":
            if not isinstance(self.answer, str) or not self.answer:
                raise ValueError("short_answer answer must be the reference answer text")
            self.options = None
        if not self.id:
            self.id = "q-" + hashlib.sha1(f"{self.type}\x00{self.stem}".encode()).hexdigest()[:10]
        return self

    def contract(self) -> dict:
        """The C4 JSON object (choice-only fields left out for other types)."""
        data = self.model_dump(exclude_none=True)
        if self.type not in CHOICE_TYPES:
            data.pop("options", None)
        return data


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
