"""The [llm] section of config.toml. No model configured means the deterministic fallbacks run."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..errors import BadInput

PURPOSES = ("scoring", "tailoring", "ghostwriter", "tracking")


@dataclass(frozen=True)
class LlmSettings:
    base_url: str
    model: str
    api_key: str | None
    """Read from the env var named by `api_key_env`; never written anywhere."""
    models: dict[str, str]
    timeout: float = 60.0
    connect_timeout: float = 10.0
    retries: int = 3
    backoff: float = 0.5
    """First retry waits this long (doubling after), unless the server says Retry-After."""
    max_wait: float = 30.0

    def model_for(self, purpose: str) -> str:
        return self.models.get(purpose) or self.model


def llm_settings(config: Config) -> LlmSettings | None:
    """The configured model, or None when no `[llm]` base_url/model is set."""
    raw: Any = config.raw.get("llm")
    if not isinstance(raw, dict) or not raw.get("base_url") or not raw.get("model"):
        return None
    where = f"{config.path}: [llm]"
    for key in ("base_url", "model", "api_key_env"):
        if key in raw and not isinstance(raw[key], str):
            raise BadInput(f"{where} key '{key}' must be text")
    models = raw.get("models", {})
    if not isinstance(models, dict) or not all(isinstance(v, str) for v in models.values()):
        raise BadInput(f"{where} key 'models' must be a table of purpose = \"model\"")
    unknown = set(models) - set(PURPOSES)
    if unknown:
        raise BadInput(f"{where}.models: unknown purpose {sorted(unknown)[0]!r}; use {', '.join(PURPOSES)}")
    numbers: dict[str, float] = {}
    for key in ("timeout", "connect_timeout", "backoff", "max_wait"):
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise BadInput(f"{where} key '{key}' must be a non-negative number")
            numbers[key] = float(value)
    retries = raw.get("retries", 3)
    if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 10:
        raise BadInput(f"{where} key 'retries' must be a whole number 0-10")
    key_env = raw.get("api_key_env")
    return LlmSettings(
        base_url=str(raw["base_url"]).rstrip("/"),
        model=str(raw["model"]),
        api_key=os.environ.get(key_env) if key_env else None,
        models=dict(models),
        retries=retries,
        **numbers,  # type: ignore[arg-type]
    )
