"""Handlers of `jobber llm check|presets|use`: call the core, print a summary (or JSON with --json)."""

from __future__ import annotations

import argparse
import sys

from .commands import workspace


def llm_check(args: argparse.Namespace) -> int:
    from ..core.infra.errors import BadInput
    from ..core.llm.client import LlmClient
    from ..core.llm.settings import PURPOSES, key_env_name, llm_settings, missing_model_hint

    with workspace(args) as ws:
        settings = llm_settings(ws.config)
        if settings is None:
            raise BadInput(missing_model_hint(ws.config))
        key_env = key_env_name(ws.config)
        if key_env and not settings.api_key:
            print(f"warning: env var {key_env} is not set; sending no API key", file=sys.stderr)
        client = LlmClient(settings)
        try:
            answer = client.check()
        finally:
            client.close()
    models = {purpose: settings.model_for(purpose) for purpose in PURPOSES}
    if args.json:
        from ..core.infra.scrub import scrub_secrets as scrub
        from .report import print_json

        # The key's NAME and whether it is set; never the key.
        print_json(
            {
                "ok": True,
                "model": settings.model,
                "baseUrl": scrub(settings.base_url),
                "answer": answer,
                "apiKeyEnv": key_env,
                "apiKeySet": bool(settings.api_key),
                "models": models,
            }
        )
        return 0
    print(answer)
    for purpose, model in models.items():
        print(f"  {purpose:<12} model {model}")
    return 0


def llm_presets(args: argparse.Namespace) -> int:
    from ..core.llm.settings import PRESETS

    if args.json:
        from .report import print_json

        print_json(
            [
                {
                    "name": p.name,
                    "label": p.label,
                    "baseUrl": p.base_url,
                    "apiKeyEnv": p.api_key_env,
                    "exampleModel": p.example_model,
                }
                for p in PRESETS.values()
            ]
        )
        return 0
    for p in PRESETS.values():
        print(
            f"{p.name:<11} {p.label:<32} {p.base_url:<30} key: {p.api_key_env or 'none'}; e.g. --model "
            f"{p.example_model}"
        )
    print("\nset one with: jobber llm use PRESET --model NAME")
    return 0


def llm_use(args: argparse.Namespace) -> int:
    from ..core.llm.settings import PRESETS, use_preset

    with workspace(args) as ws:
        section = use_preset(
            ws.config, args.preset, model=args.model, base_url=args.base_url, api_key_env=args.api_key_env
        )
        preset = PRESETS[section["preset"]]
        key_env = section.get("api_key_env") or preset.api_key_env
        base_url = section.get("base_url") or preset.base_url
        if args.json:
            from .report import print_json

            print_json(
                {
                    "config": str(ws.config.path),
                    "preset": preset.name,
                    "model": section["model"],
                    "baseUrl": base_url,
                    "apiKeyEnv": key_env,
                }
            )
            return 0
        print(f"[llm] in {ws.config.path}: {preset.label}, model {section['model']} at {base_url}")
        if key_env:
            print(f"the API key is read from the env var {key_env}")
        print("try it: jobber llm check")
    return 0
