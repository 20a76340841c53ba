from pathlib import Path

from trainer_bot.bot import TrainerBot
from trainer_bot.ingest import discover


def test_sources_are_paths_relative_to_the_ingested_folder(corpus: Path):
    files, missing = discover([corpus, corpus / "grid.md", corpus / "nope.md"])
    assert [s for _, s in files] == ["grid.md", "mediation.md", "safety/warning.md", "grid.md"]
    assert missing[0].status == "failed" and "路径不存在" in missing[0].error


def test_reingest_of_unchanged_files_is_skipped(loaded_bot: TrainerBot, corpus: Path):
    revision = loaded_bot.store.revision()
    report = loaded_bot.ingest([corpus])
    assert report.ok and {r.status for r in report.results} == {"unchanged"}
    assert loaded_bot.store.revision() == revision


def test_changed_file_replaces_its_chunks_in_every_index(loaded_bot: TrainerBot, corpus: Path):
    before = {s.source: s for s in loaded_bot.sources()}
    path = corpus / "grid.md"
    path.write_text(path.read_text(encoding="utf-8").replace("独居老人", "留守儿童"), encoding="utf-8")
    report = loaded_bot.ingest([corpus])
    assert [(r.source, r.status) for r in report.results if r.status != "unchanged"] == [("grid.md", "updated")]
    after = {s.source: s for s in loaded_bot.sources()}
    assert after["grid.md"].sha256 != before["grid.md"].sha256
    texts = [c.text for c in loaded_bot.store.all_chunks()]
    assert any("留守儿童" in t for t in texts) and not any("独居老人" in t for t in texts)
    lexical = loaded_bot.retriever.lexical()
    assert "留守" in lexical.df and "独居" not in lexical.df
    dense = loaded_bot.store.search(loaded_bot.store.embeddings.embed_query("走访独居老人"), 10)
    assert not any("独居老人" in c.text for c, _ in dense)


def test_remove_deletes_from_every_index(loaded_bot: TrainerBot):
    assert loaded_bot.remove("mediation.md") > 0
    assert "mediation.md" not in {s.source for s in loaded_bot.sources()}
    assert "司法确认" not in loaded_bot.retriever.lexical().df
    hits = loaded_bot.store.search(loaded_bot.store.embeddings.embed_query("司法确认"), 10)
    assert all(c.source != "mediation.md" for c, _ in hits)
    assert loaded_bot.remove("mediation.md") == 0


def test_bad_files_are_reported_and_the_others_land(bot: TrainerBot, corpus: Path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    (corpus / "notes.xls").write_bytes(b"ignored: not a supported type")
    report = bot.ingest([corpus])
    failed = {r.source: r.error for r in report.results if r.status == "failed"}
    assert set(failed) == {"empty.txt", "binary.txt", "broken.pdf"}
    assert all(name in error for name, error in failed.items())
    assert not report.ok
    assert {s.source for s in bot.sources()} == {"grid.md", "mediation.md", "safety/warning.md"}


def test_failed_update_keeps_the_stored_version(loaded_bot: TrainerBot, corpus: Path):
    (corpus / "grid.md").write_bytes(b"\x00\x00 now binary")
    report = loaded_bot.ingest([corpus / "grid.md"])
    assert not report.ok
    assert any("网格员" in c.text for c in loaded_bot.store.all_chunks() if c.source == "grid.md")
