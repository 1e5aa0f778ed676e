"""config.toml: one typed model, strict reading with line numbers, surgical writes that lose nothing."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import run_process
from jobber_tui.core.infra.config import ConfigError, load_config
from jobber_tui.core.infra.config_model import Settings

USER_FILE = """\
# My Jobber settings — keep these comments!
theme = "jobber-nord"   # the blue one

[ui]
# the watcher eats battery on the laptop
watch = true

[[sources]]
kind = "greenhouse"   # Harborline's board
board = "harborline"
"""


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    settings = load_config(tmp_path / "config.toml").settings
    assert settings == Settings()
    assert settings.default_template == "classic" and settings.tailoring.max_projects == 3
    assert settings.ui.watch is True and settings.llm.score_top == 25


def test_invalid_toml_names_file_and_line_and_is_never_overwritten(home: Path) -> None:
    home.mkdir(parents=True)
    path = home / "config.toml"
    path.write_text('theme = "x"\n[tailoring\nmax_projects = 3\n')
    before = path.read_bytes()
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "~/home/config.toml" in str(info.value) and "line 2" in str(info.value)
    proc = run_process("jobs", "list", home=home)
    assert proc.returncode == 2
    assert proc.stderr.startswith("jobber: error: ") and "invalid TOML" in proc.stderr and "line 2" in proc.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[pipline]\ntop = 3\n", ":1: unknown section [pipline], did you mean [pipeline]?"),
        ("[ui]\nwach = true\n", ":2: unknown key 'wach' in [ui], did you mean 'watch'?"),
        ('themme = "x"\n', ":1: unknown key 'themme' at the top of the file, did you mean 'theme'?"),
        ('[ui]\nwatch = "no"\n', ":2: [ui] watch must be true or false, got 'no'"),
        ('[llm]\nscore_top = "ten"\n', ":2: [llm] score_top must be a whole number between 0 and 1000, got 'ten'"),
        ('[tracking]\nport = "x"\n', ":2: [tracking] port must be a whole number between 1 and 65535, got 'x'"),
        (
            'default_template = "../../x"\n',
            ":1: 'default_template' must be a template name (a folder name, not a path)",
        ),
        ('[ui]\nimages = "sometimes"\n', ":2: [ui] images must be one of 'auto', 'on', 'off'"),
        ("[tailoring]\nmax_projects = true\n", ":2: [tailoring] max_projects must be a whole number between 0 and 20"),
        ('[llm.models]\nwriting = "m"\n', ":1: [llm] models has an unknown purpose 'writing'"),
        ("[keys]\nskip = 1\n", ":2: [keys] skip must be text, got 1"),
    ],
)
def test_wrong_settings_are_one_line_naming_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).endswith(message) or message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "text",
    ['[ui]\nwatch = "no"\n', "[pipline]\ntop = 3\n", 'default_template = "fancy"\n', '[llm]\nscore_top = "ten"\n'],
)
def test_the_cli_exits_2_with_one_line_never_an_internal_error(home: Path, text: str) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text(text)
    proc = run_process("jobs", "list", home=home)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("jobber: error: ~/home/config.toml:") or "config.toml:" in proc.stderr
    assert proc.stderr.count("\n") == 1 and "internal error" not in proc.stderr


def test_a_template_that_does_not_exist_is_refused(home: Path, cli: object) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text('default_template = "fancy"\n')
    result = cli("jobs", "list")  # type: ignore[operator]
    assert result.code == 2
    assert "config.toml:1: 'default_template' names no template: 'fancy'" in result.err
    (home / "templates" / "fancy").mkdir(parents=True)
    (home / "templates" / "fancy" / "main.typ").write_text("= Hi\n")
    assert cli("jobs", "list").code == 0  # type: ignore[operator]


def test_huge_or_deeply_nested_files_get_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ConfigError, match="nested too deeply|invalid TOML"):
        load_config(path)
    path.write_text("# padding\n" * 200_000)
    with pytest.raises(ConfigError, match="larger than 1000 KB"):
        load_config(path)


def test_a_write_keeps_comments_order_and_other_processes_changes(home: Path, cli: object) -> None:
    home.mkdir(parents=True)
    path = home / "config.toml"
    path.write_text(USER_FILE)
    ui_copy = load_config(path)  # what a long-running UI loaded at start
    assert cli("sources", "add", "lever", "tidewater").code == 0  # type: ignore[operator]
    ui_copy.set_value(("ui", "watch"), False)  # `w` in the UI, after the CLI wrote the file
    ui_copy.set_value(("theme",), "jobber-light")
    text = path.read_text()
    assert "# My Jobber settings — keep these comments!" in text and "# the watcher eats battery" in text
    assert "# Harborline's board" in text and 'theme = "jobber-light"   # the blue one' in text
    saved = tomllib.loads(text)
    assert [s["board"] for s in saved["sources"]] == ["harborline", "tidewater"]
    assert saved["ui"]["watch"] is False
    assert text.index("[ui]") < text.index("[[sources]]")  # the user's order
    assert ui_copy.settings.ui.watch is False and len(ui_copy.settings.sources) == 2


def test_sources_add_writes_the_readme_form(home: Path, cli: object) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text("sources = []\n")
    assert cli("sources", "add", "greenhouse", "harborline", "--employer", "Harborline").code == 0  # type: ignore[operator]
    text = (home / "config.toml").read_text()
    assert '[[sources]]\nkind = "greenhouse"\nboard = "harborline"\nemployer = "Harborline"\n' in text


def test_a_refused_value_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(USER_FILE)
    config = load_config(path)
    with pytest.raises(ConfigError, match="must be one of"):
        config.set_value(("ui", "images"), "sometimes")
    with pytest.raises(ConfigError, match="not a table"):
        config.set_value(("theme", "x"), 1)
    assert path.read_text() == USER_FILE
    assert config.settings.ui.images == "auto"


def test_two_processes_writing_different_settings_both_land(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(USER_FILE)
    script = """
import sys
from pathlib import Path
from jobber_tui.core.infra.config import load_config
path, what = Path(sys.argv[1]), sys.argv[2]
config = load_config(path)
for i in range(15):
    if what == "sources":
        config.append_entry("sources", {"kind": "lever", "board": f"board-{i}"})
    else:
        config.set_value(("pipeline", "top"), i + 1)
"""
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), what]) for what in ("sources", "top")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    saved = tomllib.loads(path.read_text())
    assert len(saved["sources"]) == 16 and saved["pipeline"]["top"] == 15
    assert "keep these comments!" in path.read_text()


def test_stored_secrets_make_the_file_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[llm]\nmodel = "m"\nbase_url = "http://127.0.0.1:9/v1"\n')
    os.chmod(path, 0o644)
    config = load_config(path)
    config.set_value(("llm", "api_key"), "sk-stored-in-file")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    os.chmod(path, 0o644)  # the user copied it around; the next read closes it again
    load_config(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_configured_secret_never_reaches_the_log(home: Path) -> None:
    home.mkdir(parents=True)
    secret = "sk-live-TOPSECRET-0123456789"
    (home / "config.toml").write_text('[llm]\napi_key_env = "JOBBER_TEST_KEY"\n')
    proc = run_process(
        "jobs",
        "add",
        "--ids",
        "--data",
        f'{{"title": "Engineer {secret}", "employer": "Acme"}}',
        home=home,
        env={"JOBBER_TEST_KEY": secret},
    )
    assert proc.returncode == 0, proc.stderr
    proc = run_process(
        "jobs", "patch", "1", "--data", f'{{"salary": "{secret}"}}', home=home, env={"JOBBER_TEST_KEY": secret}
    )
    assert proc.returncode == 0
    proc = run_process(
        "jobs", "patch", "1", "--data", f'{{"bogus": "{secret}"}}', home=home, env={"JOBBER_TEST_KEY": secret}
    )
    assert proc.returncode == 2
    log = (home / "logs" / "jobber.log").read_text()
    assert "job patched" in log and "requestId" in log
    assert '"argv"' in log and "[REDACTED]" in log  # the command line was logged, scrubbed
    assert secret not in log
