"""Small shared pieces of the bench scripts: medians of interleaved whole-process timings."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence


def time_process(argv: Sequence[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(list(argv), check=True, stdout=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    return time.perf_counter() - start


def interleaved_medians(
    commands: dict[str, Sequence[str]], runs: int, env: dict[str, str] | None = None
) -> dict[str, float]:
    """Run each command in turn, `runs` rounds, so machine noise hits all of them alike."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            samples[name].append(time_process(argv, env))
    return {name: statistics.median(values) for name, values in samples.items()}


PY = sys.executable
