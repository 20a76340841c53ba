"""Quizzes: generate from the material, verify every key against its source, bank, practise, export."""

from .model import TYPES, Question, QuizSet

__all__ = ["TYPES", "Question", "QuizSet"]
