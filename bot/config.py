"""Settings from the environment and an optional .env file, read once at start-up."""
from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from typing_extensions import Annotated

from store.db import normalise_url

DEFAULT_DATABASE_URL = "sqlite:///data/guide-msap.db"
TELEGRAM_API = "https://api.telegram.org/bot"
TELEGRAM_FILES = "https://api.telegram.org/file/bot"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str | None = Field(default=None, pattern=r"^\d+:[A-Za-z0-9_-]+$", repr=False)
    database_url: str = DEFAULT_DATABASE_URL
    telegram_base_url: str = TELEGRAM_API
    telegram_base_file_url: str = TELEGRAM_FILES
    webhook_url: str | None = Field(default=None, pattern=r"^https://")
    webhook_secret: str | None = Field(default=None, repr=False, pattern=r"^[A-Za-z0-9_-]{1,256}$")
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    timezone: str = "Europe/Paris"
    admin_user_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    # Document workers (~160 MB each once they have rendered) stop after this long without work.
    render_idle_minutes: float = Field(default=10, gt=0)

    @field_validator("telegram_bot_token", "webhook_url", "webhook_secret", mode="before")
    @classmethod
    def _empty_is_unset(cls, value):
        return None if value == "" else value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        try:
            return normalise_url(value)
        except Exception:
            raise ValueError("expected sqlite:///path or postgresql://user:password@host/name") from None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown time zone, e.g. Europe/Paris") from None
        return value

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value):
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class SettingsError(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def load_settings(**overrides) -> Settings:
    """Read the settings; a bad value raises SettingsError naming the variable."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]).upper() if first["loc"] else "?"
        raise SettingsError(field, first["msg"]) from None
