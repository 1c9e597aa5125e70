"""All of Careline's configuration, read once from the environment (prefix ``CARELINE_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# The bundled vetted articles live at the repository root beside src/.
BUNDLED_KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"


class Settings(BaseSettings):
    """Every setting Careline reads. The README's configuration table mirrors this class."""

    model_config = SettingsConfigDict(env_prefix="CARELINE_", env_file=None, extra="ignore")

    data_dir: Path = Field(Path(".careline"), description="Where all local state lives.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default is SQLite at DATA_DIR/careline.db."
    )
    chroma_url: str | None = Field(
        None, description="Chroma server URL (http://host:port); default is an embedded store in DATA_DIR."
    )
    chroma_collection: str = Field("careline-content", min_length=3, max_length=512)
    knowledge_dir: Path = Field(BUNDLED_KNOWLEDGE_DIR, description="Content ingested on first start.")
    ingest_on_start: bool = Field(True, description="Ingest knowledge_dir when the store is empty.")
    serve_overdue_content: bool = Field(False, description="Ingest articles past their next_review date.")

    embedding_provider: Literal["local", "openai"] = "local"
    embedding_model: str = Field(
        "all-MiniLM-L6-v2", description="Model name; for 'local' the bundled MiniLM is always used."
    )
    embedding_batch_size: int = Field(64, ge=1, le=1024)

    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint; unset = offline engine.")
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str | None = None
    llm_timeout_seconds: float = Field(20.0, gt=0)

    admin_key: str | None = Field(None, description="Bearer key for admin routes; unset disables them.")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed to call the API (comma-separated)."
    )
    log_level: str = "INFO"

    emergency_number: str = "911"
    crisis_line: str = "988"
    poison_control: str = "1-800-222-1222"

    # --- chat settings (issue: chat engine) ---

    # --- profile and FHIR settings ---

    # --- reminder, scheduler and notification settings ---

    # --- widget and console settings ---

    # --- eval settings ---

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        # Accept a comma-separated string as well as JSON, which is what people type in a shell.
        if isinstance(value, str) and not value.strip().startswith("["):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'careline.db').resolve()}"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def content_index_path(self) -> Path:
        return self.data_dir / "content-index.sqlite3"

    def ensure_data_dir(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
