"""What every benchmark shares: statistics, timed child processes with their peak memory, and
the environment that keeps everything inside a temporary folder."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GROW = [sys.executable, "-m", "grow_app"]


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def environment(tmp: Path) -> dict[str, str]:
    """The current environment with grow's home inside ``tmp`` and no stray GROW_DB."""
    env = {**os.environ, "GROW_HOME": str(tmp / "home"), "TERM": "xterm-256color"}
    env.pop("GROW_DB", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def peak_rss_mb(pid: int | str = "self") -> float:
    """Peak resident memory (VmHWM) of a running process, in MB.

    Not ``ru_maxrss`` of a child: Linux carries the parent's peak over a fork and exec, so every
    child of a benchmark that has itself grown would seem at least as large as its parent."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


TIME = shutil.which("time", path="/usr/bin:/bin")  # GNU time: reports a finished child's peak


def run_timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``argv`` to the end: (wall seconds, peak RSS in MB). Fails loudly on a non-zero exit.

    The peak comes from GNU time (a small C program, so the child inherits no large peak);
    without it the figure is 0."""
    with tempfile.NamedTemporaryFile("r") as peak, tempfile.TemporaryFile() as err:
        prefix = [TIME, "-f", "%M", "-o", peak.name] if TIME else []
        start = time.perf_counter()
        proc = subprocess.run([*prefix, *argv], env=env, stdout=subprocess.DEVNULL, stderr=err)
        took = time.perf_counter() - start
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(
                f"{argv[:6]} failed ({proc.returncode}): {err.read().decode()[-500:]}"
            )
        found = peak.read().split()
    return took, int(found[-1]) / 1024 if found else 0.0


def repeat(argv: list[str], env: dict[str, str], runs: int) -> dict:
    """Median wall time of ``runs`` runs of ``argv``, and the largest peak RSS among them."""
    results = [run_timed(argv, env) for _ in range(runs)]
    return {
        "median_s": round(median([r[0] for r in results]), 3),
        "runs": runs,
        "peak_rss_mb": round(max(r[1] for r in results), 1),
    }


def run_worker(script: str, args: list[str], env: dict[str, str]) -> tuple[dict, float]:
    """Run ``benchmarks/<script> --worker ARGS`` (it prints one JSON object last, see
    :func:`emit`): (that object, the worker's peak RSS in MB)."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, str(HERE / script), "--worker", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=err,
        )
        out = proc.stdout.read()  # type: ignore[union-attr]
        proc.stdout.close()  # type: ignore[union-attr]
        if proc.wait() != 0:
            err.seek(0)
            raise RuntimeError(f"{script} {args} failed: {err.read().decode()[-800:]}")
    result = json.loads(out.decode().strip().splitlines()[-1])
    return result, round(result.pop("_peak_rss_mb"), 1)


def emit(result: dict) -> None:
    """A worker's answer: one JSON line on stdout, with its own peak memory."""
    sys.stdout.write(json.dumps({**result, "_peak_rss_mb": peak_rss_mb()}) + "\n")
    sys.stdout.flush()
