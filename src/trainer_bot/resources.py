"""Find bundled files (prompts/, knowledge/, data files) in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """``prompts`` or ``knowledge``: inside the installed package, else at the checkout's top level."""
    for candidate in (_PACKAGE / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE / name


def resource(name: str) -> Path:
    """A data file shipped inside the package (``trainer_bot/resources``)."""
    return _PACKAGE / "resources" / name


def glossary_path() -> Path:
    return bundled_dir("knowledge") / "_glossary.txt"
