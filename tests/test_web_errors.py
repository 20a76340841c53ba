"""The error boundary every web handler goes through."""

import logging
import re

import gradio as gr
import pytest

from trainer_bot.errors import TrainerBotError
from trainer_bot.web.errors import guarded


def test_a_users_mistake_is_shown_as_its_chinese_message():
    @guarded
    def handler():
        raise TrainerBotError("题量须在 1 到 200 之间。")

    with pytest.raises(gr.Error, match="题量须在 1 到 200 之间"):
        handler()


def test_an_unexpected_error_shows_a_reference_and_logs_the_details(caplog):
    @guarded
    def handler(state, request: gr.Request = None):
        return state["questions"][3]  # list index out of range: a bug, not the user's doing

    with caplog.at_level(logging.ERROR), pytest.raises(gr.Error) as raised:
        handler({"questions": []})
    shown = raised.value.message
    assert "list index" not in shown and "系统出了点问题" in shown
    ref = re.search(r"编号 ([0-9a-f]{8})", shown).group(1)
    assert f"ref {ref}" in caplog.text and "IndexError" in caplog.text  # the same id leads to the traceback


def test_streaming_handlers_are_guarded_too_and_keep_their_signature():
    import inspect

    @guarded
    def respond(message: str, history: list):
        yield "部分"
        raise KeyError("secret-internal-name")

    assert list(inspect.signature(respond).parameters) == ["message", "history"]  # what Gradio inspects
    stream = respond("问", [])
    assert next(stream) == "部分"
    with pytest.raises(gr.Error) as raised:
        next(stream)
    assert "secret-internal-name" not in raised.value.message
