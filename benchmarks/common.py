"""What every benchmark shares: statistics, timed child processes with their peak memory, and
the environment that keeps everything inside a temporary folder."""

from __future__ import annotations

import json
import os
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


def wait_rss(proc: subprocess.Popen) -> tuple[int, float]:
    """Wait for ``proc``; its exit status and its own peak resident memory in MB."""
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss / 1024  # Linux: kilobytes


def run_timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``argv`` to the end: (wall seconds, peak RSS in MB). Fails loudly on a non-zero exit."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
        code, rss = wait_rss(proc)
        took = time.perf_counter() - start
        if code != 0:
            err.seek(0)
            raise RuntimeError(f"{argv[:6]} failed ({code}): {err.read().decode()[-500:]}")
    return took, rss


def repeat(argv: list[str], env: dict[str, str], runs: int) -> dict:
    """Median wall time of ``runs`` runs of ``argv``, and the largest peak RSS among them."""
    results = [run_timed(argv, env) for _ in range(runs)]
    return {
        "median_s": round(median([r[0] for r in results]), 3),
        "runs": runs,
        "peak_rss_mb": round(max(r[1] for r in results), 1),
    }


def run_worker(script: str, args: list[str], env: dict[str, str]) -> tuple[dict, float]:
    """Run ``benchmarks/<script> --worker ARGS`` (it prints one JSON object last): (that, RSS MB)."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, str(HERE / script), "--worker", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=err,
        )
        out = proc.stdout.read()  # type: ignore[union-attr]
        proc.stdout.close()  # type: ignore[union-attr]
        code, rss = wait_rss(proc)
        if code != 0:
            err.seek(0)
            raise RuntimeError(f"{script} {args} failed: {err.read().decode()[-800:]}")
    return json.loads(out.decode().strip().splitlines()[-1]), round(rss, 1)


def emit(result: dict) -> None:
    """A worker's answer: one JSON line on stdout."""
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
