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
    embedding_threads: int | None = Field(
        None, ge=1, le=64,
        description="Torch threads for the local model; unset = torch's default (`careline serve` uses 1).",
    )
    embedding_max_tokens: int = Field(
        256, ge=16, le=512, description="Word pieces the local model reads per passage (MiniLM trained on 128)."
    )
    embedding_query_batch: int = Field(
        32, ge=1, le=256,
        description="Questions of concurrent chat turns embedded in one model call, at most; 1 = one call each.",
    )

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
    safety_semantic: bool = Field(
        True, description="Triage's second opinion from the message's embedding may raise routine/urgent (never lower)."
    )

    # --- chat settings (issue: chat engine) ---
    allow_anonymous_chat: bool = Field(
        False, description="Let callers without a token chat (no profile, no history listing)."
    )
    chat_engine: Literal["auto", "offline"] = Field(
        "auto", description="'auto': the LLM when llm_base_url is set, else the offline composer; 'offline': never."
    )

    # --- profile and FHIR settings ---
    bedtime: str = Field("22:00", description="Local time used for 'at bedtime' (chat) and FHIR 'HS'.")
    default_dose_times: dict[int, list[str]] = Field(
        default_factory=lambda: {1: ["08:00"], 2: ["08:00", "20:00"], 3: ["08:00", "14:00", "20:00"],
                                 4: ["08:00", "12:00", "16:00", "20:00"]},
        description="Proposed local times for 'N times a day' without given times (JSON: {\"2\": [...]}).",
    )
    clinic_event_times: dict[str, str] = Field(
        default_factory=lambda: {"WAKE": "07:00", "MORN": "08:00", "MORN.early": "07:00", "MORN.late": "10:00",
                                 "NOON": "12:00", "AFT": "14:00", "AFT.early": "13:00", "AFT.late": "16:00",
                                 "EVE": "18:00", "EVE.early": "17:00", "EVE.late": "20:00", "NIGHT": "22:00",
                                 "CM": "08:00", "CD": "12:00", "CV": "18:00"},
        description="Local times for FHIR timing 'when' events and chat phrases ('every morning'); meals are CM/CD/CV.",
    )
    meal_offset_minutes: int = Field(30, ge=0, le=180, description="'Before/after meals' = meal time -/+ this.")
    fhir_max_bundle_mb: float = Field(20, gt=0, description="Largest FHIR bundle accepted by the import API.")
    took_dose_window_hours: float = Field(
        6, gt=0, le=24, description="'I took my pill' marks the due dose nearest to now within this many hours."
    )

    @field_validator("bedtime", "default_dose_times", "clinic_event_times")
    @classmethod
    def _wall_clock_times(cls, value: object) -> object:
        # Fail at start-up, not when the first patient asks for a reminder.
        def check(text: str) -> None:
            hour, _, minute = text.partition(":")
            if not (len(text) == 5 and hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60):
                raise ValueError(f"'{text}' is not a time as HH:MM (00:00-23:59)")

        values = value.values() if isinstance(value, dict) else [value]
        for item in values:
            for text in item if isinstance(item, list) else [item]:
                check(str(text))
        return value

    # --- reminder, scheduler and notification settings ---
    scheduler_enabled: bool = Field(True, description="Run the reminder scheduler in this process (one leads).")
    scheduler_lease_seconds: float = Field(
        30.0, ge=1, description="Scheduler lease length; renewed every third of it, taken over once it lapses."
    )
    reminder_sync_seconds: float = Field(
        5.0, gt=0, description="How often the leader picks up reminder changes made by other workers."
    )
    reminder_maintenance_seconds: float = Field(
        30.0, gt=0, description="How often the leader expires unanswered doses and resumes queued deliveries."
    )
    reminder_late_grace_seconds: int = Field(
        300, ge=0, description="A dose at most this late (after downtime) is still sent; older ones are missed."
    )
    reminder_missed_after_minutes: int = Field(
        60, ge=1, description="A notified dose with no answer within this many minutes becomes missed."
    )
    reminder_snooze_minutes: int = Field(10, ge=1, le=1440, description="Default snooze length.")
    notification_stream_poll_seconds: float = Field(
        1.0, gt=0, description="How often a live notification stream checks for new notifications."
    )
    notification_stream_max_seconds: float = Field(
        60.0, gt=0, description="A stream then ends (EventSource reconnects and resumes); bounds shut-down waits."
    )
    notification_max_attempts: int = Field(5, ge=1, description="Webhook/email attempts before giving up.")
    notification_retry_base_seconds: float = Field(
        30.0, gt=0, description="First retry delay; it doubles with each failed attempt."
    )
    notification_delivery_workers: int = Field(4, ge=1, le=64, description="Parallel webhook/email sends.")
    webhook_secret: str | None = Field(
        None, description="Per-deployment key for the X-Careline-Signature HMAC; unset disables webhooks."
    )
    webhook_timeout_seconds: float = Field(10.0, gt=0)
    webhook_allow_private_networks: bool = Field(
        False, description="Allow webhook URLs on loopback/private addresses (tests, on-premises receivers)."
    )
    smtp_host: str | None = Field(None, description="SMTP server for email reminders; unset disables email.")
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_from: str = Field("careline@localhost", description="From address of reminder emails.")
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = Field(True, description="Upgrade the SMTP connection with STARTTLS.")
    smtp_timeout_seconds: float = Field(10.0, gt=0)

    # --- widget and console settings ---
    demo_mode: bool = Field(
        False, description="Serve POST /api/v1/demo/patient and /demo's 'Start a demo patient' (never in production)."
    )

    # --- eval settings ---
    judge_base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint of the rubric judge for `careline eval`; unset = machine checks."
    )
    judge_model: str = Field("gpt-4o-mini", description="Model name of the rubric judge at that endpoint.")
    judge_api_key: str | None = Field(None, description="API key for the judge endpoint.")
    judge_timeout_seconds: float = Field(60.0, gt=0, description="Timeout of one judge call.")

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
