"""Answer: engines that turn retrieved passages into a cited answer, and how answers are shown."""

from .base import Answerer, refusal_text
from .offline import ExtractiveAnswerer

__all__ = ["Answerer", "ExtractiveAnswerer", "refusal_text"]
