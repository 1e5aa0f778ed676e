"""`jobber sources add/list/remove` and the validation of the discovery settings in config.toml."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from jobber_tui.core.infra.config import ConfigError, load_config


def test_add_list_remove(home: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("sources", "list").out.startswith("no sources")
    assert cli("sources", "add", "greenhouse", "stripe").out.strip() == "added greenhouse/stripe"
    assert (
        cli(
            "sources", "add", "lever", "acme", "--base-url", "https://mirror.example/lever", "--employer", "Acme Inc"
        ).code
        == 0
    )
    assert cli("sources", "add", "greenhouse", "stripe").out.strip() == "already configured: greenhouse/stripe"
    saved = tomllib.loads((home / "config.toml").read_text())["sources"]
    mirror = {"kind": "lever", "board": "acme", "base_url": "https://mirror.example/lever", "employer": "Acme Inc"}
    assert saved == [{"kind": "greenhouse", "board": "stripe"}, mirror]

    monkeypatch.setenv("JOBBER_GREENHOUSE_BASE_URL", "http://127.0.0.1:9/")
    rows = json.loads(cli("sources", "list", "--json").out)
    assert [(r["kind"], r["board"], r["apiBase"]) for r in rows] == [
        ("greenhouse", "stripe", "http://127.0.0.1:9"),
        ("lever", "acme", "https://mirror.example/lever"),
    ]
    assert rows[0]["overriddenBy"] == "JOBBER_GREENHOUSE_BASE_URL"
    assert "(from JOBBER_GREENHOUSE_BASE_URL)" in cli("sources", "list").out

    assert cli("sources", "remove", "greenhouse", "stripe").code == 0
    missing = cli("sources", "remove", "greenhouse", "stripe")
    assert missing.code == 2 and "not configured" in missing.err
    assert len(tomllib.loads((home / "config.toml").read_text())["sources"]) == 1


def test_bad_kind_or_board_is_refused(home: Path, cli: Any) -> None:
    assert cli("sources", "add", "monster", "x").code == 2
    bad = cli("sources", "add", "greenhouse", "a/../b")
    assert bad.code == 2 and "board:" in bad.err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[sources]]\nkind = "indeed"\nboard = "x"\n', ":2: [[sources]] #1 kind must be one of greenhouse"),
        ('[[sources]]\nkind = "lever"\n', ":1: [[sources]] #1 needs 'board'"),
        (
            '[[sources]]\nkind = "lever"\nboard = "x"\nbase_url = "ftp://x"\n',
            ":4: [[sources]] #1 base_url must be an http",
        ),
        ("[pipeline]\ntop = 0\n", ":2: [pipeline] top must be between 1 and 1000"),
        ("[pipeline]\nmin_score = 120\n", ":2: [pipeline] min_score must be between 0 and 100"),
        ('[pipeline]\nmin_score = "high"\n', ":2: [pipeline] min_score must be a whole number"),
        ("[scoring]\nremote_ok = 1\n", ":2: [scoring] remote_ok must be true or false"),
        ("[scoring]\ntarget_titles = [1]\n", ":2: [scoring] target_titles item 1 must be text"),
        ("[discovery]\ntimeout = 0\n", ":2: [discovery] timeout must be between 0.1 and 300"),
        ('[[webhooks]]\nurl = "nope"\n', ":2: [[webhooks]] #1 url must be an http(s) URL"),
        (
            '[[webhooks]]\nurl = "https://h.example"\nevents = ["job.deleted"]\n',
            ":3: [[webhooks]] #1 events has an unknown event 'job.deleted'",
        ),
    ],
)
def test_config_errors_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value)


def test_defaults(tmp_path: Path) -> None:
    settings = load_config(tmp_path / "missing.toml").settings
    assert settings.pipeline.top == 10 and settings.pipeline.min_score == 50
    assert settings.scoring.remote_ok is True and settings.sources == []
