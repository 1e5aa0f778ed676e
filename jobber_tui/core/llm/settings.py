"""The [llm] section of config.toml. No model configured means the deterministic fallbacks run."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..config import Config
from ..errors import BadInput
from ..paths import display_path

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
    """The configured model, or None when `[llm]` has no base_url and model (types were checked on load)."""
    raw = config.settings.llm
    if not raw.base_url and not raw.model:
        return None
    if not raw.base_url or not raw.model:
        missing = "base_url" if not raw.base_url else "model"
        raise BadInput(f"{display_path(config.path)}: [llm] needs '{missing}' too (or neither, for no model)")
    api_key = raw.api_key or (os.environ.get(raw.api_key_env) if raw.api_key_env else None)
    return LlmSettings(base_url=raw.base_url.rstrip("/"), model=raw.model, api_key=api_key, models=dict(raw.models),
                       timeout=raw.timeout, connect_timeout=raw.connect_timeout, retries=raw.retries,
                       backoff=raw.backoff, max_wait=raw.max_wait)
