"""One error boundary for every web handler.

A :class:`~trainer_bot.errors.TrainerBotError` is the user's to fix: its Chinese message is shown as is.
Anything else is ours: the user sees a Chinese message with a reference id, the log gets the
traceback under the same id, and no exception text reaches the page.
"""

from __future__ import annotations

import functools
import inspect
import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar, cast

import gradio as gr

from ..errors import TrainerBotError, redact

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


class Problem(gr.Error):
    """What a user is told when they must do something differently: a toast titled 提示, not "Error"."""

    def __init__(self, message: str, duration: float | None = 10):
        super().__init__(message, duration=duration, title="提示", print_exception=False)


def unexpected(exc: BaseException, where: str) -> gr.Error:
    ref = secrets.token_hex(4)
    log.error("unexpected error in %s [ref %s]: %s", where, ref, redact(exc), exc_info=exc)
    return gr.Error(f"抱歉，系统出了点问题，请稍后再试。如果一直出现，请把编号 {ref} 告诉管理员。", title="出错了")


@contextmanager
def boundary(where: str) -> Iterator[None]:
    try:
        yield
    except gr.Error:
        raise
    except TrainerBotError as exc:
        raise Problem(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - the boundary: logged with a reference, never shown raw
        raise unexpected(exc, where) from None


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Wrap a Gradio handler (plain or generator) in the error boundary; its signature is kept for Gradio."""
    where = getattr(fn, "__qualname__", repr(fn))
    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def stream(*args: P.args, **kwargs: P.kwargs) -> Iterator[object]:
            with boundary(where):
                yield from cast(Iterator[object], fn(*args, **kwargs))
        return cast(Callable[P, R], stream)  # a generator function stays one: R is its iterator

    @functools.wraps(fn)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        with boundary(where):
            return fn(*args, **kwargs)
    return call
