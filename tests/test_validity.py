"""Status and dates of material: a superseded rule never answers as the current one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer_bot.answer.render import to_json, to_markdown
from trainer_bot.cli import main
from trainer_bot.errors import UsageError
from trainer_bot.load import load_file
from trainer_bot.models import Validity
from trainer_bot.question import analyse
from trainer_bot.validity import ValidityStore, checked

OLD = """---
title: 某县村务公开办法（2019年）
topic: 村务公开
status: 已废止
effective: 2019-03-01
superseded_by: 某县村务公开办法（2024年修订）
references:
  - title: 某县村务公开办法
    date: 2019-01-15
    effective: 2019-03-01
    status: 已废止
---

# 某县村务公开办法（2019年）

## 要点
- 村级财务收支每季度公开一次，公开内容在村务公开栏张贴，公示时间不少于5天。
- 村民对公开内容有疑问的，可以在公示期内向村务监督委员会提出。
"""

NEW = """---
title: 某县村务公开办法（2024年修订）
topic: 村务公开
status: 现行
effective: 2024-03-01
supersedes: 某县村务公开办法（2019年）
references:
  - title: 某县村务公开办法（2019年）
    date: 2019-01-15
    status: 已废止
  - title: 某县村务公开办法（2024年修订）
    date: 2024-01-10
    effective: 2024-03-01
    status: 现行
---

# 某县村务公开办法（2024年修订）

## 要点
- 村级财务收支每月公开一次，公开内容在村务公开栏和村务微信群同时发布，公示时间不少于7天。
- 村民对公开内容有疑问的，可以在公示期内向村务监督委员会提出，监委会应当在10日内答复。
"""


@pytest.fixture
def versions(tmp_path: Path) -> Path:
    folder = tmp_path / "versions"
    folder.mkdir()
    (folder / "open-2019.md").write_text(OLD, encoding="utf-8")
    (folder / "open-2024.md").write_text(NEW, encoding="utf-8")
    return folder


@pytest.fixture
def versioned_bot(bot, versions: Path):
    assert bot.ingest([versions]).ok
    return bot


def test_front_matter_gives_status_dates_and_basis(versions: Path) -> None:
    new = load_file(versions / "open-2024.md")
    validity = Validity.from_meta(new.meta)
    # the basis is the reference in force from the document's effective date, not the first one listed
    assert validity == Validity("现行", "2024-03-01", "某县村务公开办法（2024年修订）", "2024-01-10")
    assert validity.line() == "依据：《某县村务公开办法（2024年修订）》（2024年1月10日，2024年3月1日起施行） · 现行"
    old = Validity.from_meta(load_file(versions / "open-2019.md").meta)
    assert old.outdated and old.superseded_by == "某县村务公开办法（2024年修订）"
    assert "已废止，已由《某县村务公开办法（2024年修订）》取代" in old.line()


def test_history_questions_are_recognised() -> None:
    assert analyse("2019年版的办法规定公示几天？").history
    assert analyse("村务公开的规定以前是怎么要求的？").history
    assert analyse("修订前财务多久公开一次？").history
    assert not analyse("村级财务多久公开一次？").history
    assert not analyse("三天以前提交的申请还能改吗？").history


def test_the_current_rule_answers_and_shows_its_basis(versioned_bot) -> None:
    answer = versioned_bot.ask("村务公开栏上的财务公示要贴多少天？")
    assert not answer.refused
    assert "7天" in answer.text and "5天" not in answer.text
    assert {c.passage.chunk.source for c in answer.citations} == {"open-2024.md"}
    assert "注意" not in answer.text
    shown = to_markdown(answer)
    assert "依据：《某县村务公开办法（2024年修订）》（2024年1月10日，2024年3月1日起施行） · 现行" in shown
    assert to_json(answer)["sources"][0]["status"] == "现行"


def test_a_question_about_history_may_use_the_old_text_and_says_so(versioned_bot) -> None:
    answer = versioned_bot.ask("2019年版的村务公开办法规定财务公示多少天？")
    assert not answer.refused
    assert "5天" in answer.text
    assert "注意：以上部分内容出自《某县村务公开办法》已废止，现行规定见《某县村务公开办法（2024年修订）》" in answer.text


def test_quiz_material_leaves_superseded_rules_out(versioned_bot) -> None:
    from trainer_bot.quiz.generate import select_chunks

    chunks = versioned_bot.store.all_chunks()
    assert {c.source for c in select_chunks(versioned_bot, chunks)} == {"open-2024.md"}
    # unless the trainer names the old document
    assert {c.source for c in select_chunks(versioned_bot, chunks, sources=["open-2019.md"])} == {"open-2019.md"}


def test_a_trainer_marks_an_upload_and_it_survives_a_changed_file(versioned_bot, versions: Path, db) -> None:
    statuses = ValidityStore(db)
    marked = checked("已修订", "2024-03-01", "《某县村务公开办法（2024年修订）》", "2024-01-10", "某县村务公开办法（2025年修订）")
    statuses.set("open-2024.md", marked, "t1")
    versioned_bot.set_validity("open-2024.md", marked)
    assert next(s for s in versioned_bot.sources() if s.source == "open-2024.md").validity == marked
    # both versions are now outdated: a current-rule question has nothing left to answer from
    assert versioned_bot.ask("村务公开栏上的财务公示要贴多少天？").refused
    # the file changes and is ingested again: the front matter says 现行, the trainer's mark wins
    path = versions / "open-2024.md"
    path.write_text(path.read_text(encoding="utf-8").replace("10日内答复", "15日内答复"), encoding="utf-8")
    assert versioned_bot.ingest([versions]).ok
    assert next(s for s in versioned_bot.sources() if s.source == "open-2024.md").validity.status == "现行"
    assert statuses.apply(versioned_bot) == 1
    assert next(s for s in versioned_bot.sources() if s.source == "open-2024.md").validity == marked
    assert statuses.apply(versioned_bot) == 0


@pytest.mark.parametrize("fields, problem", [
    (("有效",), "状态只能是"),
    (("现行", "2024年3月1日"), "施行日期请写成"),
    (("现行", "", "", "24-01"), "发布或修订日期请写成"),
])
def test_bad_status_input_says_what_to_write(fields, problem) -> None:
    with pytest.raises(UsageError, match=problem):
        checked(*fields)


def test_cli_mark_and_sources_show_status(settings, versions: Path, capsys) -> None:
    common = ["--data-dir", str(settings.data_dir)]
    assert main(["ingest", str(versions), *common]) == 0
    capsys.readouterr()
    assert main(["mark", "open-2024.md", "--status", "已修订", "--effective", "2024-03-01", *common]) == 0
    assert "已设置 open-2024.md" in capsys.readouterr().out
    assert main(["sources", "--json", *common]) == 0
    listed = {s["source"]: s for s in json.loads(capsys.readouterr().out)}
    assert listed["open-2024.md"]["status"] == "已修订" and listed["open-2019.md"]["status"] == "已废止"
    assert main(["sources", *common]) == 0
    assert "已修订\t2024年3月1日起施行" in capsys.readouterr().out
    assert main(["mark", "nope.md", "--status", "现行", *common]) == 2
    assert "没有这份材料" in capsys.readouterr().err


def test_a_topic_a_trainer_gives_survives_a_changed_file_and_leaves_the_status_alone(versioned_bot, versions: Path,
                                                                                      db) -> None:
    statuses = ValidityStore(db)
    statuses.set_topic("open-2019.md", "村务监督", "t1")  # a topic only: the front matter's status stays
    assert statuses.apply(versioned_bot) == 1
    old = next(s for s in versioned_bot.sources() if s.source == "open-2019.md")
    assert old.topic == "村务监督" and old.validity.status == "已废止"
    marked = checked("现行")
    statuses.set("open-2019.md", marked, "t1")  # a status set later keeps the topic
    assert statuses.topics() == {"open-2019.md": "村务监督"}
    path = versions / "open-2019.md"
    path.write_text(path.read_text(encoding="utf-8").replace("不少于5天", "不少于6天"), encoding="utf-8")
    assert versioned_bot.ingest([versions]).ok
    assert next(s for s in versioned_bot.sources() if s.source == "open-2019.md").topic == "村务公开"  # front matter
    assert statuses.apply(versioned_bot) == 1
    again = next(s for s in versioned_bot.sources() if s.source == "open-2019.md")
    assert again.topic == "村务监督" and again.validity == marked
    assert next(s for s in versioned_bot.sources() if s.source == "open-2024.md").topic == "村务公开"
    statuses.set_topic("open-2019.md", "")  # cleared: no longer overridden
    assert statuses.topics() == {}
