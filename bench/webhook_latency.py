"""How long `jobber jobs apply` takes when a webhook receiver never answers, next to no webhook at all.

Before the outbox (issue 13) the command waited for the hook: 6.5 s instead of 2 s with
`timeout = 1`, about 16 s per hook at the defaults. Goal: the same time as without a hook (the
delivery is queued in the move's transaction and sent by a detached process).
Run: python bench/webhook_latency.py [--runs 9]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import PY  # noqa: E402


def silent_receiver() -> socket.socket:
    """Accepts connections and never answers (a stalled server, the worst case for a sender)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(128)
    return server


def home_with(folder: Path, hook_url: str | None) -> Path:
    folder.mkdir(parents=True)
    if hook_url:
        (folder / "config.toml").write_text(f'[[webhooks]]\nurl = "{hook_url}"\ntimeout = 5\n')
    jobs = ",".join(f'{{"title": "Engineer {i}", "employer": "Acme"}}' for i in range(200))
    subprocess.run(
        [PY, "-m", "jobber_tui", "--home", str(folder), "jobs", "add", "--ids", "--data", f"[{jobs}]"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return folder


def apply_time(home: Path, job_id: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        [PY, "-m", "jobber_tui", "--home", str(home), "jobs", "apply", str(job_id)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    receiver = silent_receiver()
    url = f"http://127.0.0.1:{receiver.getsockname()[1]}/hook"
    with tempfile.TemporaryDirectory() as tmp:
        plain, hooked = home_with(Path(tmp) / "plain", None), home_with(Path(tmp) / "hooked", url)
        samples: dict[str, list[float]] = {"no webhook": [], "webhook that never answers (timeout 5 s)": []}
        for run in range(1, args.runs + 1):  # interleaved, so machine noise hits both alike
            samples["no webhook"].append(apply_time(plain, run))
            samples["webhook that never answers (timeout 5 s)"].append(apply_time(hooked, run))
        base = statistics.median(samples["no webhook"])
        for name, values in samples.items():
            median = statistics.median(values)
            print(f"jobs apply, {name:<42} median {median * 1000:7.1f} ms  ({median / base:.2f}x)")
    receiver.close()


if __name__ == "__main__":
    main()
