"""Parse untrusted files in a child process with time and memory limits.

A trainer's upload may be hostile or merely broken (a PDF that sends the parser into a loop, a
document that decompresses to gigabytes). :func:`load_isolated` runs :func:`load.load_file` in a
fresh Python process whose address space and CPU time are capped, and kills it at the deadline;
the server process never parses the bytes itself. Run as ``python -m trainer_bot.sandbox PATH
SOURCE``, the child prints the :class:`Document` (or the loader's error) as one JSON object.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from .errors import LoadError
from .models import Document

TIMEOUT = 60.0
MEMORY_MB = 1536


def _limits(seconds: float, memory_mb: int):
    def apply() -> None:  # in the child, before it runs any Python
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024,) * 2)
        resource.setrlimit(resource.RLIMIT_CPU, (int(seconds) + 1, int(seconds) + 2))
    return apply


def load_isolated(path: Path, source: str, timeout: float = TIMEOUT, memory_mb: int = MEMORY_MB) -> Document:
    """:func:`load.load_file` in a child process; a :class:`LoadError` saying what to do when it fails."""
    command = [sys.executable, "-m", "trainer_bot.sandbox", str(path), source]
    try:
        proc = subprocess.run(command, capture_output=True, timeout=timeout, env={**os.environ, "PYTHONHASHSEED": "0"},
                              preexec_fn=_limits(timeout, memory_mb) if os.name == "posix" else None)
    except subprocess.TimeoutExpired:
        raise LoadError(f"{source}: 解析超过 {timeout:g} 秒仍未完成，文件可能损坏或过于复杂。"
                        "请用办公软件另存为新的 docx 或 pdf 后重试。") from None
    try:
        data = json.loads(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise LoadError(f"{source}: 解析时占用的内存或时间超出限制，文件可能损坏或内容过大。"
                        "请拆分成几个较小的文件，或另存后重试。") from None
    if "error" in data:
        raise LoadError(data["error"])
    return Document(**data)


def main(argv: list[str]) -> int:
    from .load import load_file

    try:
        document = load_file(Path(argv[0]), argv[1])
        print(json.dumps(asdict(document), ensure_ascii=False))
    except LoadError as exc:
        print(json.dumps({"error": str(exc)}, ensure_ascii=False))
    except MemoryError:
        print(json.dumps({"error": f"{argv[1]}: 解析时占用的内存超出限制，文件可能损坏或内容过大。请拆分成几个较小的文件后重试。"},
                         ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
