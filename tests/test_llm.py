"""The LLM engine end to end: langchain-openai and the real openai client against a local server."""

from fake_llm import Reply
from conftest import FIXTURES

from trainer_bot.answer.llm import FALLBACK_NOTE, UNCITED_NOTE
from trainer_bot.bot import TrainerBot
from trainer_bot.condense import Turn
from trainer_bot.models import Answer


def test_streamed_answer_with_renumbered_citations(llm_bot: TrainerBot, fake_llm):
    fake_llm.replies.append(Reply("收到红色预警后要立即通知群众转移[2]。预警分为四级，一级最高[1][9]。", pieces=5))
    items = list(llm_bot.stream("收到红色预警以后村委会要做什么"))
    pieces, final = items[:-1], items[-1]
    assert len(pieces) >= 3 and all(isinstance(p, str) for p in pieces)
    assert isinstance(final, Answer) and final.engine == "llm" and not final.refused
    assert final.text == "收到红色预警后要立即通知群众转移[1]。预警分为四级，一级最高[2]。"  # [9] does not exist
    assert [c.n for c in final.citations] == [1, 2]
    request = fake_llm.requests[0]
    assert request["model"] == "fake-model" and request["stream"] is True
    system, user = request["messages"][0]["content"], request["messages"][1]["content"]
    assert "只能依据下面编号的培训材料作答" in system  # from prompts/answer.yaml
    assert "[1] 《" in user and "问题：收到红色预警以后村委会要做什么" in user
    assert final.citations[0].passage.chunk.text in user


def test_refusal_marker_gives_a_refusal(llm_bot: TrainerBot, fake_llm):
    fake_llm.replies.append(Reply("材料未涉及"))
    answer = llm_bot.ask("网格员每周要走访谁？")
    assert answer.refused and answer.citations == [] and "没有找到" in answer.text


def test_gate_refuses_before_calling_the_model(llm_bot: TrainerBot, fake_llm):
    answer = llm_bot.ask("世界杯冠军是谁")
    assert answer.refused and fake_llm.requests == []


def test_api_error_falls_back_to_the_offline_engine(llm_bot: TrainerBot, fake_llm):
    fake_llm.replies.append(Reply(status=500))
    answer = llm_bot.ask("调解要收费吗")
    assert answer.engine == "offline-fallback" and answer.text.startswith(FALLBACK_NOTE)
    assert answer.citations and "[1]" in answer.text


def test_timeout_falls_back_to_the_offline_engine(llm_bot: TrainerBot, fake_llm):
    fake_llm.replies.append(Reply("太慢了[1]。", delay=4.0))  # llm_timeout is 2 s
    answer = llm_bot.ask("调解要收费吗")
    assert answer.engine == "offline-fallback" and answer.citations


def test_uncited_reply_is_replaced_by_quotes_from_the_material(llm_bot: TrainerBot, fake_llm):
    fake_llm.replies.append(Reply("调解一般不收费，但要看情况。"))
    answer = llm_bot.ask("调解要收费吗")
    assert answer.text.startswith(UNCITED_NOTE) and answer.citations


def test_follow_up_is_condensed_by_the_model(llm_bot: TrainerBot, fake_llm):
    fake_llm.replies.append(Reply("人民调解达成协议后如何申请司法确认？"))  # the condense call (not streamed)
    fake_llm.replies.append(Reply("双方可以在三十日内共同申请司法确认[1]。"))
    history = [Turn("user", "人民调解有哪些原则？"), Turn("assistant", "自愿、平等。")]
    answer = llm_bot.ask("那之后呢？", history)
    assert answer.standalone_question == "人民调解达成协议后如何申请司法确认？"
    assert fake_llm.requests[0]["stream"] is False and "追问：那之后呢？" in fake_llm.requests[0]["messages"][1]["content"]
    assert answer.citations[0].passage.chunk.source == "mediation.md"


def test_model_sees_the_material_with_its_roles_and_the_kind_of_question(tmp_path, embeddings, fake_llm):
    from trainer_bot.settings import Settings

    settings = Settings(_env_file=None, data_dir=tmp_path / "d", llm_base_url=fake_llm.url, llm_model="fake-model",
                        llm_api_key="test-key", llm_timeout=2.0)
    bot = TrainerBot.from_settings(settings, embeddings)
    assert bot.ingest([FIXTURES / "answers"]).ok
    fake_llm.replies.append(Reply("井长制管饮用水井[1]，塘长制管灌溉山塘[2]。"))
    answer = bot.ask("井长制和塘长制有什么区别？")
    assert answer.engine == "llm" and len(answer.citations) == 2
    system, user = (m["content"] for m in fake_llm.requests[0]["messages"])
    assert "分别说明井长制和塘长制各自是什么" in system  # guidance for a comparison
    assert "井长制是指" in user and "塘长制是指" in user  # both sides retrieved
    assert "老周" not in user  # the invented case is left out
    assert "纠正：" not in user  # misconceptions only named as such


def test_follow_up_condensed_by_the_rule_when_no_model_is_asked(answers_bot: TrainerBot):
    history = [Turn("user", "什么是井长制？"), Turn("assistant", "井长制是指每口公共水井明确一名井长。")]
    assert answers_bot.standalone("它和塘长制有什么关系？", history) == "井长制和塘长制有什么关系？"


def test_an_upstream_error_echoing_the_key_is_logged_without_it(llm_bot: TrainerBot, fake_llm, caplog):
    import logging

    fake_llm.replies.append(Reply(status=401, error="Incorrect API key provided: Bearer sk-live-9f8e7d6c5b4a. "
                                                     "api_key=sk-live-9f8e7d6c5b4a"))
    with caplog.at_level(logging.WARNING, logger="trainer_bot"):
        answer = llm_bot.ask("调解要收费吗")
    assert answer.engine == "offline-fallback"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "LLM call failed" in logged and "Incorrect API key" in logged
    assert "9f8e7d6c5b4a" not in logged


def test_redact_masks_keys_and_tokens_but_keeps_the_message():
    from trainer_bot.errors import redact

    assert redact("401: Bearer abc.DEF-123456 rejected") == "401: Bearer *** rejected"
    assert redact('{"api_key": "xyz123456"}') == '{"api_key": "***"}'
    assert redact("key sk-proj-ABCDEF123") == "key sk-***"
    assert redact("没有问题") == "没有问题"
