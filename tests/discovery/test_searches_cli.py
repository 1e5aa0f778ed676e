"""`jobber searches add/list/remove`, `jobber discover`, and `sources add` with the new kinds, filters
and the robots.txt opt-in: what the user types, what config.toml then holds, what is printed."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from jobber_tui.core.discovery.searches import PROVIDERS
from jobber_tui.core.discovery.sources import KINDS
from jobber_tui.core.infra.config import ConfigError, load_config

from .board_server import Loopback
from .test_searches import serve_searches


def test_searches_add_list_remove(home: Path, cli: Any) -> None:
    (home / "config.toml").parent.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('# my settings\ntheme = "jobber-nord"\n')
    assert cli("searches", "list").out.startswith("no searches")
    added = cli(
        "searches",
        "add",
        "himalayas",
        "python developer",
        "--location",
        "Germany",
        "--max-results",
        "40",
        "--exclude",
        "Senior",
        "--remote-only",
        "--max-new",
        "5",
    )
    assert added.code == 0 and added.out.strip() == "added himalayas/python-developer-germany"
    assert cli("searches", "add", "himalayas", "python developer", "--location", "Germany").out.startswith(
        "already configured"
    )
    assert cli("searches", "add", "reed", "data", "--api-key-env", "REED_KEY").code == 0
    text = (home / "config.toml").read_text()
    assert text.startswith('# my settings\ntheme = "jobber-nord"\n')  # a surgical edit
    assert tomllib.loads(text)["searches"] == [
        {
            "provider": "himalayas",
            "query": "python developer",
            "location": "Germany",
            "max_results": 40,
            "exclude_keywords": ["Senior"],
            "remote_only": True,
            "max_new": 5,
        },
        {"provider": "reed", "query": "data", "api_key_env": "REED_KEY"},
    ]
    listed = cli("searches", "list").out
    assert "himalayas/python-developer-germany" in listed and "drops titles with: Senior" in listed
    assert "the environment variable REED_KEY (api_key_env) is not set" in listed
    rows = json.loads(cli("searches", "list", "--json").out)
    assert [r["label"] for r in rows] == ["himalayas/python-developer-germany", "reed/data"]
    assert cli("searches", "remove", "himalayas/python-developer-germany").out.startswith("removed")
    gone = cli("searches", "remove", "himalayas/python-developer-germany")
    assert gone.code == 2 and "no search" in gone.err
    assert [s["provider"] for s in tomllib.loads((home / "config.toml").read_text())["searches"]] == ["reed"]


def test_bad_search_input_changes_nothing(home: Path, cli: Any) -> None:
    missing = cli("searches", "add", "adzuna", "python", "--country", "gb")
    assert missing.code == 2 and "--app-id-env and --api-key-env" in missing.err
    secretish = cli("searches", "add", "reed", "x", "--api-key-env", "abc-123-not-a-name")
    assert secretish.code == 2 and "api_key_env must be the name of an environment variable" in secretish.err
    assert cli("searches", "add", "monster", "x").code == 2
    assert not (home / "config.toml").exists() or "searches" not in (home / "config.toml").read_text()


def test_help_lists_every_provider_and_kind_with_terms(cli: Any) -> None:
    searches_help = _help(cli, "searches", "add")
    for name in PROVIDERS:
        assert f"  {name} " in searches_help
    assert "attribution" in searches_help and "never expired" in searches_help
    sources_help = _help(cli, "sources", "add")
    for kind in KINDS:
        assert f"  {kind} " in sources_help
    assert "robots.txt" in sources_help and "--ignore-robots" in sources_help


def _help(cli: Any, *path: str) -> str:
    """The help the user reads, lines joined (argparse wraps to the terminal's width)."""
    result = cli(*path, "--help")
    assert result.code == 0, result.err
    return " ".join(result.out.split("\n"))


def test_sources_add_new_kinds_filters_and_robots(home: Path, cli: Any) -> None:
    url = cli("sources", "add", "workday", "https://Tallgrass.wd1.myworkdayjobs.com/en-US/Tallgrass_Careers/")
    assert url.out.strip() == "added workday/tallgrass.wd1/Tallgrass_Careers"
    assert (
        cli(
            "sources",
            "add",
            "personio",
            "lindqvist",
            "--include",
            "Go",
            "--include",
            "Rust",
            "--only-in",
            "Hamburg",
            "--only-in",
            "remote",
        ).code
        == 0
    )
    refused = cli("sources", "add", "smartrecruiters", "OrsolaMedical")
    assert refused.code == 2 and "robots.txt disallows" in refused.err and "--ignore-robots" in refused.err
    assert cli("sources", "add", "smartrecruiters", "OrsolaMedical", "--ignore-robots").code == 0
    bad = cli("sources", "add", "workday", "tallgrass")
    assert bad.code == 2 and "tenant.wdN/site" in bad.err
    saved = tomllib.loads((home / "config.toml").read_text())["sources"]
    assert saved == [
        {"kind": "workday", "board": "tallgrass.wd1/Tallgrass_Careers"},
        {
            "kind": "personio",
            "board": "lindqvist",
            "include_keywords": ["Go", "Rust"],
            "locations": ["Hamburg", "remote"],
        },
        {"kind": "smartrecruiters", "board": "OrsolaMedical", "ignore_robots": True},
    ]
    listed = cli("sources", "list").out
    assert "keeps: Go, Rust; in: Hamburg, remote" in listed
    assert "https://tallgrass.wd1.myworkdayjobs.com" in listed
    assert cli("sources", "remove", "workday", "tallgrass.wd1/Tallgrass_Careers").code == 0


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[[sources]]\nkind = "workday"\nboard = "acme"\n', "[[sources]] #1 board must be tenant.wdN/site"),
        ('[[sources]]\nkind = "lever"\nboard = "a/b"\n', "[[sources]] #1 board must be the site in jobs.lever.co"),
        ('[[searches]]\nprovider = "monster"\n', "[[searches]] #1 provider must be one of himalayas"),
        ('[[searches]]\nprovider = "reed"\nmax_results = 0\n', "max_results must be between 1 and 1000"),
        ('[[searches]]\nprovider = "reed"\nquery = "x"\nfilter = 1\n', "unknown key 'filter' in [[searches]] #1"),
        ('[[sources]]\nkind = "lever"\nboard = "a"\nmax_new = -1\n', "max_new must be between 0 and 100000"),
    ],
)
def test_bad_settings_name_their_line(tmp_path: Path, table: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "jobber-dark"\n' + table)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in str(caught.value), str(caught.value)
    assert str(caught.value).startswith("~/config.toml:") or "config.toml:" in str(caught.value).split(" ")[0]


def test_discover_prints_progress_and_counts(board_home: Path, loopback: Loopback, cli: Any) -> None:
    serve_searches(loopback)
    with (board_home / "config.toml").open("a") as handle:
        handle.write(
            '\n[[searches]]\nprovider = "remoteok"\nquery = "go"\n'
            '\n[[searches]]\nprovider = "reed"\nquery = "x"\napi_key_env = "NO_SUCH_KEY_VAR"\n'
        )
    done = cli("discover")
    assert done.code == 1  # one search could not run
    assert "fetched remoteok/go: 2 jobs in" in done.err and "(1 filtered out)" in done.err
    assert "FAILED reed/x: the environment variable NO_SUCH_KEY_VAR" in done.err
    lines = done.out.splitlines()
    assert lines[0].startswith("discovered in ") and "2 sources (1 failed), 3 fetched, 2 new" in lines[0]
    assert lines[1] == "  remoteok/go: 3 fetched, 2 new, 0 updated, 1 filtered out"
    assert lines[2].startswith("  reed/x: FAILED the environment variable NO_SUCH_KEY_VAR")
    only = cli("discover", "--only", "remoteok/go", "--json")
    data = json.loads(only.out)
    assert only.code == 0 and [s["source"] for s in data["sources"]] == ["remoteok/go"]
    assert data["totals"]["unchanged"] == 2
    unknown = cli("discover", "--only", "nope/x")
    assert unknown.code == 2 and "no board or search 'nope/x'" in unknown.err
