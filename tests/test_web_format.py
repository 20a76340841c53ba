"""Chat history round trip: an answer shown with its sources becomes a clean turn for the next question."""

from trainer_bot.models import Answer, Chunk, Citation, Passage
from trainer_bot.web.cadre import to_turns
from trainer_bot.web.format import SOURCES_HEADER, chat_markdown

PASSAGE_TEXT = "原文：预警分为四级，以红色表示最高级别。"


def _answer() -> Answer:
    chunk = Chunk(id="w-0", source="warning.md", title="预警", text=PASSAGE_TEXT, heading_path=("预警级别",),
                  index=0, sha256="0" * 64)
    return Answer(question="预警分几级？", text="预警分为四级[1]。", citations=[Citation(1, Passage(chunk, 1.0))],
                  refused=False)


def test_answer_with_sources_becomes_a_turn_without_them():
    shown = chat_markdown(_answer())
    assert SOURCES_HEADER in shown and PASSAGE_TEXT in shown  # what the user saw
    history = [{"role": "user", "content": "预警分几级？"}, {"role": "assistant", "content": shown}]
    turns = to_turns(history)
    assert [(t.role, t.content) for t in turns] == [("user", "预警分几级？"), ("assistant", "预警分为四级。")]


def test_message_parts_and_other_roles_are_handled():
    shown = chat_markdown(_answer())
    history = [{"role": "system", "content": "ignored"},
               {"role": "assistant", "content": [{"type": "text", "text": shown}]}]
    assert [(t.role, t.content) for t in to_turns(history)] == [("assistant", "预警分为四级。")]
    assert to_turns(None) == []


def test_history_is_bounded_in_turns_and_length():
    from trainer_bot.web.cadre import MAX_HISTORY_TURNS, MAX_QUESTION_CHARS, MAX_TURN_CHARS, to_turns

    forged = [{"role": "user", "content": "问" * 3_000_000}, {"role": "assistant", "content": "答" * 50_000}]
    history = [{"role": "user", "content": f"第{i}问"} for i in range(20)] + forged
    turns = to_turns(history)
    assert len(turns) == MAX_HISTORY_TURNS and turns[0].content == "第16问"
    assert len(turns[-2].content) == MAX_QUESTION_CHARS and len(turns[-1].content) == MAX_TURN_CHARS
    assert to_turns("not a list") == [] and to_turns([{"role": "system", "content": "x"}, "junk"]) == []


def test_a_refusal_that_shows_the_nearest_sentences_shows_their_sources_and_a_plain_one_none():
    from dataclasses import replace

    near = replace(_answer(), text="现有培训材料中没有找到能确定回答这个问题的内容……\n\n预警分为四级[1]。", refused=True)
    shown = chat_markdown(near)
    assert SOURCES_HEADER in shown and PASSAGE_TEXT in shown
    plain = replace(_answer(), text="抱歉，现有培训材料中没有找到能回答这个问题的内容。", refused=True, citations=[])
    assert chat_markdown(plain) == plain.text
