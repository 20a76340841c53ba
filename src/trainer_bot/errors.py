"""One error root. Every message says what went wrong and how to fix it.

Edges (CLI, web app) turn these into an exit code or a ``gr.Error``; nothing
below the edges prints or exits.
"""

import re


class TrainerBotError(Exception):
    """Root of every error a user can cause or fix."""


class ConfigError(TrainerBotError):
    """Settings are missing or contradict each other."""


class LoadError(TrainerBotError):
    """A file could not be read as training material."""


class EmbeddingError(TrainerBotError):
    """The embedding model failed or is not the one the store was built with."""


class StoreError(TrainerBotError):
    """The vector store is unreachable or inconsistent."""


class NotFoundError(TrainerBotError):
    """A named source, quiz or case does not exist."""


class UsageError(TrainerBotError):
    """The command was called wrongly (an empty question, a missing argument)."""


_SECRETS = re.compile(r"(?i)(bearer\s+|api[_-]?key[\"':=\s]+|\bsk-)[A-Za-z0-9._\-]{4,}")


def redact(text: object) -> str:
    """Text for a log line with API keys and bearer tokens masked (an upstream error may echo them)."""
    return _SECRETS.sub(lambda m: m.group(1) + "***", str(text))
