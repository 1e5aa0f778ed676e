"""config.toml: clear errors, keys kept on save, secrets from env vars never reach the log."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from conftest import run_process
from jobber_tui.core.config import ConfigError, load_config


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "config.toml")
    assert config.default_template == "classic"
    assert config.get("tailoring.max_projects") == 3


def test_invalid_toml_names_file_and_line_and_is_never_overwritten(home: Path) -> None:
    home.mkdir(parents=True)
    path = home / "config.toml"
    path.write_text('theme = "x"\n[tailoring\nmax_projects = 3\n')
    before = path.read_bytes()
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value) and "line 2" in str(info.value)
    proc = run_process("jobs", "list", home=home)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"jobber: error: {path}: invalid TOML") and "line 2" in proc.stderr
    assert path.read_bytes() == before


def test_wrong_value_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[tailoring]\nmax_projects = "three"\n')
    with pytest.raises(ConfigError, match="key 'tailoring.max_projects' must be a int"):
        load_config(path)
    path.write_text("[tailoring]\nmax_projects = true\n")
    with pytest.raises(ConfigError, match="tailoring.max_projects"):
        load_config(path)


def test_save_keeps_unknown_keys_and_protects_stored_secrets(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('future_option = "keep"\n[llm]\nmodel = "m"\n')
    config = load_config(path)
    config.set("theme", "jobber-light")
    config.save()
    again = load_config(path)
    assert again.get("theme") == "jobber-light" and again.raw["future_option"] == "keep"
    assert again.raw["llm"] == {"model": "m"}
    config.set("llm.api_key", "sk-stored-in-file")
    config.save()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_configured_secret_never_reaches_the_log(home: Path) -> None:
    home.mkdir(parents=True)
    secret = "sk-live-TOPSECRET-0123456789"
    (home / "config.toml").write_text('[llm]\napi_key_env = "JOBBER_TEST_KEY"\n')
    proc = run_process("jobs", "add", "--json", f'{{"title": "Engineer {secret}", "employer": "Acme"}}',
                       home=home, env={"JOBBER_TEST_KEY": secret})
    assert proc.returncode == 0, proc.stderr
    proc = run_process("jobs", "patch", "1", "--json", f'{{"salary": "{secret}"}}', home=home,
                       env={"JOBBER_TEST_KEY": secret})
    assert proc.returncode == 0
    proc = run_process("jobs", "patch", "1", "--json", f'{{"bogus": "{secret}"}}', home=home,
                       env={"JOBBER_TEST_KEY": secret})
    assert proc.returncode == 2
    log = (home / "logs" / "jobber.log").read_text()
    assert "job patched" in log and "requestId" in log
    assert '"argv"' in log and "[REDACTED]" in log  # the command line was logged, scrubbed
    assert secret not in log


def test_setting_under_a_key_that_is_not_a_table_is_refused_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('ui = "compact"\ntheme = "jobber-nord"\n')
    config = load_config(path)
    with pytest.raises(ConfigError, match="'ui' is not a table"):
        config.set("ui.watch", False)
    assert config.raw == {"ui": "compact", "theme": "jobber-nord"}
