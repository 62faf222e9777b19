"""grow benchmarks: what it costs, from one partnership to a thousand.

    python benchmarks/run.py [--quick] [--json PATH]

Prints a table of figures beside their targets and optionally writes them as JSON. Every figure
is the median of several runs. Plain Python: nothing here asserts timings in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synthetic import populate  # noqa: E402


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def peak_rss_mb_of_children() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def timed_child(
    args: list[str], env: dict[str, str], until: str | None = None
) -> tuple[float, float]:
    """Seconds from process start until ``until`` appears on stdout (or exit), and its peak RSS (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    elapsed = None
    if until:
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.strip() == until:
                elapsed = time.perf_counter() - start
                break
    _out, err = proc.communicate(timeout=120)
    if elapsed is None:
        elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{args} failed: {err.strip()[-500:]}")
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, usage.ru_maxrss / 1024


def environment(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["GROW_HOME"] = str(tmp / "home")
    env.pop("GROW_DB", None)
    return env


def bench_startup(tmp: Path, runs: int) -> dict:
    db = tmp / "startup.db"
    session_id = populate(db, 1)[0]
    env = environment(tmp)
    probe = str(HERE / "probe_startup.py")
    bare = [timed_child([sys.executable, probe, "bare"], env, "READY")[0] for _ in range(runs)]
    grow = [
        timed_child([sys.executable, probe, "grow", str(db), session_id], env, "READY")[0]
        for _ in range(runs)
    ]
    return {
        "bare_textual_s": round(median(bare), 3),
        "grow_first_question_s": round(median(grow), 3),
        "ratio": round(median(grow) / median(bare), 2),
        "target_ratio": 1.25,
        "runs": runs,
    }


def bench_save(tmp: Path, runs: int) -> dict:
    from grow_app.services.catalog import load_catalog
    from grow_app.services.meeting import Meeting
    from grow_app.store import open_database
    from grow_app.store.sessions import get_session

    db_path = tmp / "save.db"
    session_id = populate(db_path, 1)[0]
    db = open_database(db_path)
    catalog = load_catalog()
    session = get_session(db, session_id)
    meeting = Meeting(db, catalog.get(session.card_id), session)
    question = next(meeting.card.questions())
    latencies = []
    text = ""
    for index in range(runs):
        text += f" woord{index}"
        start = time.perf_counter()
        meeting.save_answer(question.id, "", text)
        latencies.append((time.perf_counter() - start) * 1000)
    db.conn.close()
    return {
        "median_ms": round(median(latencies), 3),
        "p95_ms": round(p95(latencies), 3),
        "target_p95_ms": 5,
        "writes": runs,
        "on_keystroke_path": False,
        "note": "autosave runs on a background writer thread after typing pauses; see docs/performance.md",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only, under a minute")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    results: dict = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "quick": args.quick,
    }
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        results["startup"] = bench_startup(tmp, runs)
        results["save"] = bench_save(tmp, 200)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
