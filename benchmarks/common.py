"""What every benchmark shares: statistics, timed child processes with their peak memory, and
the environment that keeps everything inside a temporary folder."""

from __future__ import annotations

import json
import os
import shutil
import signal
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
    # As installed: pip compiles the modules once, so no run pays for compiling them again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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


def run_measured(argv: list[str], env: dict[str, str], cwd: str | None = None) -> dict:
    """Run ``argv`` to the end: wall seconds, CPU seconds (user + system) and peak RSS in MB.
    Fails loudly on a non-zero exit.

    The peak comes from GNU time (a small C program, so the child inherits no large peak);
    without it the figure is 0. The CPU time is the kernel's account of the finished process
    and its children (``wait4``), to the microsecond."""
    with tempfile.NamedTemporaryFile("r") as usage, tempfile.TemporaryFile() as err:
        prefix = [TIME, "-f", "%M", "-o", usage.name] if TIME else []
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*prefix, *argv], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err
        )
        _pid, status, rusage = os.wait4(proc.pid, 0)
        took = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(
                f"{argv[:6]} failed ({proc.returncode}): {err.read().decode()[-500:]}"
            )
        found = usage.read().split()
    return {
        "s": took,
        "cpu_s": rusage.ru_utime + rusage.ru_stime,
        "peak_rss_mb": int(found[-1]) / 1024 if found else 0.0,
    }


def run_timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``argv`` to the end: (wall seconds, peak RSS in MB); see :func:`run_measured`."""
    found = run_measured(argv, env)
    return found["s"], found["peak_rss_mb"]


def spread(values: list[float], digits: int = 2) -> dict:
    """Median with the smallest and largest value: how a figure swung over its rounds."""
    return {
        "median": round(median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
    }


def paired(programs: dict[str, list[str]], floor: str, env: dict[str, str], rounds: int) -> dict:
    """Run every program once per round, the floor among them, and take each program's ratio
    to the floor *within* the round (so a busy moment on a shared machine hits both alike).

    The order within a round rotates, so no program always runs right after another. Each is
    run once beforehand to warm the file cache (and grow's card cache: a card is validated once
    per file version, not per start). Returns per program the median wall and CPU seconds, the
    peak RSS, and the paired ratios' median with min-max (the floor's own ratio is left out)."""
    names = list(programs)
    for name in names:
        run_measured(programs[name], env)
    runs: dict[str, list[dict]] = {name: [] for name in names}
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            runs[name].append(run_measured(programs[name], env))
    result: dict = {"rounds": rounds, "floor": floor, "programs": {}}
    for name in names:
        found = runs[name]
        entry = {
            "median_s": round(median([r["s"] for r in found]), 4),
            "cpu_median_s": round(median([r["cpu_s"] for r in found]), 4),
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in found), 1),
        }
        if name != floor:
            ratios = [r["s"] / f["s"] for r, f in zip(found, runs[floor], strict=True)]
            entry["ratio"] = spread(ratios)
            cpu = [r["cpu_s"] / f["cpu_s"] for r, f in zip(found, runs[floor], strict=True)]
            entry["cpu_ratio"] = spread(cpu) if all(f["cpu_s"] for f in runs[floor]) else None
        result["programs"][name] = entry
    return result


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
        try:
            out = proc.stdout.read()  # type: ignore[union-attr]
            proc.stdout.close()  # type: ignore[union-attr]
        finally:
            if proc.poll() is None:  # stopped meanwhile: the worker runs its finally blocks too
                proc.terminate()
        if proc.wait() != 0:
            err.seek(0)
            raise RuntimeError(f"{script} {args} failed: {err.read().decode()[-800:]}")
    result = json.loads(out.decode().strip().splitlines()[-1])
    return result, round(result.pop("_peak_rss_mb"), 1)


def finally_on_sigterm() -> None:
    """Stopped with SIGTERM (``kill``, ``pkill``, a timeout), a probe still runs its ``finally``
    blocks, which kill the programs it started in pseudo-terminals. Without this they were left
    behind: a bare Textual app whose terminal had closed reads "end of input" at 100 % of a core
    until someone kills it (Textual #6690). One such app, left by a stopped ``live_probe`` on
    3 December, took a core from the whole test run that followed (375 s instead of 210 s)."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def emit(result: dict) -> None:
    """A worker's answer: one JSON line on stdout, with its own peak memory."""
    sys.stdout.write(json.dumps({**result, "_peak_rss_mb": peak_rss_mb()}) + "\n")
    sys.stdout.flush()
