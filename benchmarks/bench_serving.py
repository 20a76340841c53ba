"""Serving figures: chat latency while an upload is being indexed, and how fast a second replica sees it.

1. One app (``python app.py``) on the bundled knowledge. Rounds of 10 concurrent ``/chat`` calls
   (gradio_client, clients connected beforehand), first with nothing else running, then while a
   trainer uploads 50 files through ``/trainer`` ``/upload``. Target (issue 12): p95 under upload
   ≤ 2 × p95 without.
2. Two replicas on a throwaway PostgreSQL cluster and a ``chroma run`` (each with a data dir of its
   own): seconds from an upload on A returning to the first answer on B that cites the file.

Usage:  python benchmarks/bench_serving.py [--rounds 5] [--files 50] [--replica-trials 5] [--skip-replicas]
Prints figures; asserts nothing. Uses the test suite's server helpers (tests/servers.py).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_pipeline import sentence_pool  # noqa: E402
from servers import (add_user, app_server, chroma_server, create_database, postgres_cluster, start_app,  # noqa: E402
                     stop, wait_started)

TRAINER = ("bench", "bench-password-1")
QUESTIONS = ["什么是枫桥经验？", "网格员平时做什么？", "四议两公开指哪些程序？", "预警分几级？", "人民调解委员会由几个人组成？",
             "村规民约能不能罚款？", "接诉即办看哪几个指标？", "基层减负有哪些要求？", "信访事项多久内答复？", "河长制是什么？"]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def write_files(folder: Path, n: int, seed: int = 3) -> list[Path]:
    rng = random.Random(seed)
    pool = sentence_pool()
    paths = []
    for i in range(n):
        body = "".join(rng.choice(pool) for _ in range(6))
        path = folder / f"upload-{i:03d}.md"
        path.write_text(f"# 上传材料{i}\n\n## 要点\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def chat_round(clients) -> list[float]:
    def one(pair) -> float:
        client, question = pair
        t0 = time.perf_counter()
        client.predict(question, api_name="/chat")
        return time.perf_counter() - t0

    with ThreadPoolExecutor(len(clients)) as pool:
        return list(pool.map(one, zip(clients, QUESTIONS)))


def chat_under_upload(rounds: int, n_files: int) -> None:
    from gradio_client import Client, handle_file

    with tempfile.TemporaryDirectory() as tmp:
        env = {"TRAINER_BOT_DATA_DIR": str(Path(tmp) / "data")}
        add_user(env, *TRAINER)
        with app_server(env, timeout=900) as app:
            clients = [Client(app.url, verbose=False) for _ in range(10)]
            chat_round(clients)  # warm
            quiet = [t for _ in range(rounds) for t in chat_round(clients)]
            files = write_files(Path(tmp), n_files)
            trainer = Client(app.url + "/trainer", auth=TRAINER, verbose=False)
            took: list[float] = []

            def upload() -> None:
                t0 = time.perf_counter()
                status = trainer.predict([handle_file(str(p)) for p in files], api_name="/upload")[0]
                took.append(time.perf_counter() - t0)
                assert status.count("已导入") == n_files, status

            uploader = threading.Thread(target=upload)
            uploader.start()
            busy: list[float] = []
            while uploader.is_alive() or len(busy) < 2 * len(clients):
                busy.extend(chat_round(clients))
            uploader.join()
    print("| 10 concurrent /chat | calls | p50 (s) | p95 (s) |")
    print("|---|---:|---:|---:|")
    print(f"| nothing else running | {len(quiet)} | {statistics.median(quiet):.2f} | {percentile(quiet, 0.95):.2f} |")
    print(f"| during a {n_files}-file upload ({took[0]:.1f} s to index) | {len(busy)} | {statistics.median(busy):.2f} | "
          f"{percentile(busy, 0.95):.2f} |")
    print(f"p95 under upload / p95 quiet = {percentile(busy, 0.95) / percentile(quiet, 0.95):.2f} (target ≤ 2)\n",
          flush=True)


def replica_lag(trials: int) -> None:
    from gradio_client import Client, handle_file

    with tempfile.TemporaryDirectory() as tmp, postgres_cluster() as server, chroma_server(Path(tmp) / "chroma") as chroma:
        shared = {"TRAINER_BOT_DATABASE_URL": create_database(server, "bench"), "TRAINER_BOT_CHROMA_URL": chroma}
        add_user({**shared, "TRAINER_BOT_DATA_DIR": str(Path(tmp) / "admin")}, *TRAINER)
        apps = [start_app({**shared, "TRAINER_BOT_DATA_DIR": str(Path(tmp) / name)}) for name in ("a", "b")]
        try:
            for app in apps:
                wait_started(app, 900)
            trainer = Client(apps[0].url + "/trainer", auth=TRAINER, verbose=False)
            cadre = Client(apps[1].url, verbose=False)
            lags = []
            for i in range(trials):
                path = Path(tmp) / f"值班规定{i}.md"
                path.write_text(f"# 第{i}号值班规定\n\n## 要点\n\n- 第{i}号值班规定要求，值班员每{i + 2}小时巡查一次配电房。\n",
                                encoding="utf-8")
                trainer.predict([handle_file(str(path))], api_name="/upload")
                t0 = time.perf_counter()
                while path.name not in cadre.predict(f"第{i}号值班规定要求值班员多久巡查一次配电房？", api_name="/chat"):
                    if time.perf_counter() - t0 > 60:
                        raise RuntimeError("replica B never cited the upload")
                lags.append(time.perf_counter() - t0)
        finally:
            for app in apps:
                stop(app.proc)
    print(f"upload on A → cited answer on B: median {statistics.median(lags):.1f} s, max {max(lags):.1f} s "
          f"over {len(lags)} uploads", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--replica-trials", type=int, default=5)
    parser.add_argument("--skip-replicas", action="store_true")
    args = parser.parse_args()
    chat_under_upload(args.rounds, args.files)
    if not args.skip_replicas:
        replica_lag(args.replica_trials)


if __name__ == "__main__":
    main()
