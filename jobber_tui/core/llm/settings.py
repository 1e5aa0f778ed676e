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

from ..config import Config
from ..errors import BadInput

PURPOSES = ("scoring", "tailoring", "ghostwriter", "tracking")


@dataclass(frozen=True)
class Preset:
    """A known kind of OpenAI-compatible server."""

    name: str
    label: str
    base_url: str
    api_key_env: str | None
    """The variable that usually holds its key; None for servers on this machine that need none."""
    example_model: str


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("openai", "OpenAI", "https://api.openai.com/v1", "OPENAI_API_KEY", "gpt-4o-mini"),
    Preset("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY",
           "anthropic/claude-3.5-sonnet"),
    Preset("ollama", "Ollama (this machine)", "http://localhost:11434/v1", None, "llama3.1"),
    Preset("lmstudio", "LM Studio (this machine)", "http://localhost:1234/v1", None, "qwen2.5-7b-instruct"),
    Preset("llamacpp", "llama.cpp server (this machine)", "http://localhost:8080/v1", None, "default"),
    Preset("vllm", "vLLM (this machine)", "http://localhost:8000/v1", "VLLM_API_KEY", "Qwen/Qwen2.5-7B-Instruct"),
)}
"""The presets `[llm] preset = "..."` and `jobber llm use` know. llama.cpp's server answers with its one
loaded model whatever the name; vLLM only wants a key when started with --api-key."""

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
    """The configured model, or None when no model is set (a preset alone is not enough: it names no model)."""
    raw: Any = config.raw.get("llm")
    if not isinstance(raw, dict):
        return None
    where = f"{config.path}: [llm]"
    for key in ("base_url", "model", "api_key_env", "preset"):
        if key in raw and not isinstance(raw[key], str):
            raise BadInput(f"{where} key '{key}' must be text")
    preset = None
    if raw.get("preset"):
        preset = PRESETS.get(raw["preset"].strip().lower())
        if preset is None:
            raise BadInput(f"{where} unknown preset {raw['preset']!r}; use one of: {', '.join(PRESETS)}")
    base_url = raw.get("base_url") or (preset.base_url if preset else "")
    if not base_url or not raw.get("model"):
        return None
    models = raw.get("models", {})
    if not isinstance(models, dict) or not all(isinstance(v, str) for v in models.values()):
        raise BadInput(f"{where} key 'models' must be a table of purpose = \"model\"")
    unknown = set(models) - set(PURPOSES)
    if unknown:
        raise BadInput(f"{where}.models: unknown purpose {sorted(unknown)[0]!r}; use {', '.join(PURPOSES)}")
    numbers: dict[str, float] = {}
    for key in ("timeout", "connect_timeout", "first_token_timeout", "between_tokens_timeout", "backoff", "max_wait"):
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise BadInput(f"{where} key '{key}' must be a non-negative number")
            if key.endswith("timeout") and value == 0:
                raise BadInput(f"{where} key '{key}' must be more than 0 seconds")
            numbers[key] = float(value)
    legacy = numbers.pop("timeout", None)  # before the three timeouts, one number covered the whole wait
    if legacy is not None:
        numbers.setdefault("first_token_timeout", legacy)
    retries = raw.get("retries", 3)
    if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 10:
        raise BadInput(f"{where} key 'retries' must be a whole number 0-10")
    key_env = raw.get("api_key_env", preset.api_key_env if preset else None)
    return LlmSettings(
        base_url=str(base_url).rstrip("/"),
        model=str(raw["model"]),
        api_key=os.environ.get(key_env) if key_env else None,
        models=dict(models),
        retries=retries,
        preset=preset.name if preset else None,
        **numbers,  # type: ignore[arg-type]
    )


def key_env_name(config: Config) -> str | None:
    """The variable the key is read from: the file's `api_key_env`, else the preset's."""
    raw: Any = config.raw.get("llm")
    if not isinstance(raw, dict):
        return None
    if isinstance(raw.get("api_key_env"), str):
        return raw["api_key_env"]
    preset = PRESETS.get(str(raw.get("preset") or "").lower())
    return preset.api_key_env if preset else None


def missing_model_hint(config: Config) -> str:
    """What is missing for a model, and the commands that set it (for the CLI and the Ghostwriter pane)."""
    raw: Any = config.raw.get("llm")
    section = raw if isinstance(raw, dict) else {}
    if section.get("base_url") or section.get("preset"):
        what = "[llm] has no model"
    else:
        what = "no model configured"
    return (f"{what}: run `jobber llm use PRESET --model NAME` (presets: {', '.join(PRESETS)}; "
            f"`jobber llm presets` lists them), e.g. `jobber llm use ollama --model llama3.1`, "
            f"or set [llm] base_url and model in {config.path}")


def use_preset(config: Config, name: str, *, model: str | None = None, base_url: str | None = None,
               api_key_env: str | None = None) -> dict[str, Any]:
    """Write `[llm]` for a preset (re-reading the file first, keeping the section's other keys); returns it."""
    preset = PRESETS.get(name.strip().lower())
    if preset is None:
        raise BadInput(f"unknown preset {name!r}; use one of: {', '.join(PRESETS)}")
    config.reload()  # another process may have written the file since this one read it
    section = dict(config.raw.get("llm") or {}) if isinstance(config.raw.get("llm"), dict) else {}
    same = section.get("preset") == preset.name
    section["preset"] = preset.name
    section.pop("base_url", None)
    if base_url:
        if not base_url.startswith(("http://", "https://")):
            raise BadInput(f"--base-url must be an http(s) URL, got {base_url!r}")
        section["base_url"] = base_url.rstrip("/")
    section["model"] = model or (section.get("model") if same else None) or preset.example_model
    if api_key_env:
        section["api_key_env"] = api_key_env
    else:
        section.pop("api_key_env", None)  # the preset's own variable applies
    config.set("llm", section)
    config.save()
    return section
