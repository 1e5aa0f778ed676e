"""The [llm] section of config.toml. No model configured means the deterministic fallbacks run.

A `preset` names a known kind of server (OpenAI, OpenRouter, Ollama, LM Studio, llama.cpp's server,
vLLM) and fills in its base URL and key variable; anything set in the file wins over the preset.

Timeouts are three, because a model server fails in three ways: it cannot be reached (connect), it
accepts the request and then says nothing (first token: a reasoning model may think for a while, a
local server may be loading the model), or it stops in the middle of an answer (between tokens).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from ..infra.catalog import PRESETS, Preset  # noqa: F401 - the preset catalog, re-exported
from ..infra.config import Config
from ..infra.errors import BadInput
from ..infra.paths import display_path

PURPOSES = ("scoring", "tailoring", "ghostwriter", "tracking")


CONNECT_TIMEOUT = 5.0
FIRST_TOKEN_TIMEOUT = 60.0
BETWEEN_TOKENS_TIMEOUT = 20.0
CHECK_TIMEOUT = 10.0
"""`jobber llm check` waits at most this long for a first answer, so a silent server is reported in seconds."""


@dataclass(frozen=True)
class LlmSettings:
    base_url: str
    model: str
    api_key: str | None
    """Read from the env var named by `api_key_env`; never written anywhere."""
    models: dict[str, str]
    connect_timeout: float = CONNECT_TIMEOUT
    """Seconds to open the connection: past this the server "cannot be reached"."""
    first_token_timeout: float = FIRST_TOKEN_TIMEOUT
    """Seconds from sending a request to the first byte of the answer (legacy key: `timeout`)."""
    between_tokens_timeout: float = BETWEEN_TOKENS_TIMEOUT
    """Seconds a streamed answer may pause before it counts as broken off."""
    retries: int = 3
    backoff: float = 0.5
    """First retry waits this long (doubling after), unless the server says Retry-After."""
    max_wait: float = 30.0
    preset: str | None = None

    def model_for(self, purpose: str) -> str:
        return self.models.get(purpose) or self.model


def llm_settings(config: Config) -> LlmSettings | None:
    """The configured model, or None when no model is set (a preset alone is not enough: it names no
    model). Types and ranges were checked when config.toml was read (config_model.LlmConfig)."""
    raw = config.settings.llm
    preset = PRESETS.get(raw.preset) if raw.preset else None
    base_url = raw.base_url or (preset.base_url if preset else "")
    if not base_url and not raw.model:
        return None
    if not base_url or not raw.model:
        return None if not raw.model else _missing_base_url(config)
    numbers: dict[str, float] = {}
    if raw.connect_timeout is not None:
        numbers["connect_timeout"] = raw.connect_timeout
    first_token = raw.first_token_timeout if raw.first_token_timeout is not None else raw.timeout
    if first_token is not None:  # before the three timeouts, `timeout` covered the whole wait
        numbers["first_token_timeout"] = first_token
    if raw.between_tokens_timeout is not None:
        numbers["between_tokens_timeout"] = raw.between_tokens_timeout
    key_env = key_env_name(config)
    return LlmSettings(
        base_url=base_url.rstrip("/"),
        model=raw.model,
        models=dict(raw.models),
        retries=raw.retries,
        api_key=raw.api_key or (os.environ.get(key_env) if key_env else None),
        backoff=raw.backoff,
        max_wait=raw.max_wait,
        preset=preset.name if preset else None,
        **numbers,
    )


def _missing_base_url(config: Config) -> LlmSettings:
    raise BadInput(
        f"{display_path(config.path)}: [llm] has a model but no base_url: set base_url or a preset "
        f"({', '.join(PRESETS)})"
    )


def key_env_name(config: Config) -> str | None:
    """The variable the key is read from: the file's `api_key_env`, else the preset's."""
    raw = config.settings.llm
    if raw.api_key_env:
        return raw.api_key_env
    preset = PRESETS.get(raw.preset or "")
    return preset.api_key_env if preset else None


def missing_model_hint(config: Config) -> str:
    """What is missing for a model, and the commands that set it (for the CLI and the Ghostwriter pane)."""
    raw = config.settings.llm
    what = "[llm] has no model" if raw.base_url or raw.preset else "no model configured"
    return (
        f"{what}: run `jobber llm use PRESET --model NAME` (presets: {', '.join(PRESETS)}; "
        f"`jobber llm presets` lists them), e.g. `jobber llm use ollama --model llama3.1`, "
        f"or set [llm] base_url and model in {display_path(config.path)}"
    )


def use_preset(
    config: Config, name: str, *, model: str | None = None, base_url: str | None = None, api_key_env: str | None = None
) -> dict[str, Any]:
    """Point `[llm]` at a preset (a surgical edit: the section's other keys and comments stay); returns
    the section's new values."""
    preset = PRESETS.get(name.strip().lower())
    if preset is None:
        raise BadInput(f"unknown preset {name!r}; use one of: {', '.join(PRESETS)}")
    if base_url and not base_url.startswith(("http://", "https://")):
        raise BadInput(f"--base-url must be an http(s) URL, got {base_url!r}")
    config.reload()  # another process may have written the file since this one read it
    current = config.settings.llm
    same = current.preset == preset.name
    chosen = model or (current.model if same else None) or preset.example_model
    config.set_values(
        "llm",
        {
            "preset": preset.name,
            "model": chosen,
            "base_url": base_url.rstrip("/") if base_url else None,
            "api_key_env": api_key_env or None,
        },
    )  # None: removed (the preset's own applies)
    section = {"preset": preset.name, "model": chosen}
    if base_url:
        section["base_url"] = base_url.rstrip("/")
    if api_key_env:
        section["api_key_env"] = api_key_env
    return section
