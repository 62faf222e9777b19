"""Ten years of the whole country on one laptop: every bulk command at 1,000 partnerships and at
N (10,000 with ``run.py --scale 10000``), its time, its peak memory, and how it grows.

Part of ``benchmarks/run.py --scale N`` (figure ``scale``); on its own it prints the figures:

    .venv/bin/python benchmarks/bench_scale.py [N]      (default 10000; takes minutes)

Each command runs once per size, as a whole process (the database is generated first, one
fully answered session per partnership). Linear means: time at N at most 1.1 x N/1,000 times
the time at 1,000 (so 10,000 may take up to 11 times as long as 1,000); bounded means a peak
below 200 MB at N.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from common import GROW, environment, run_measured, run_worker
from synthetic import populate

CARD = "gesprekskaart-sop"
PEAK_LIMIT_MB = 200
BASE = 1000


def _commands(tmp: Path, db: Path, size: int) -> list[tuple[str, list[str]]]:
    out = tmp / f"scale-out-{size}"
    for sub in ("papers", "bundles"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    grow = [*GROW, "--db", str(db)]
    manager = tmp / f"scale-manager-{size}.db"
    return [
        ("session_list", [*grow, "session", "list"]),
        ("compare_csv", [*grow, "compare", "--card", CARD, "-o", str(out / "v.csv")]),
        ("compare_docx", [*grow, "compare", "--card", CARD, "-o", str(out / "v.docx")]),
        ("export_all_docx", [*grow, "export", "--all", "-o", str(out / "papers")]),
        (
            "export_all_json",
            [*grow, "export", "--all", "--format", "json", "-o", str(out / "bundles")],
        ),
        ("import", [*GROW, "--db", str(manager), "import", str(out / "bundles")]),
        ("import_again", [*GROW, "--db", str(manager), "import", str(out / "bundles")]),
    ]


def measure_size(tmp: Path, size: int, env: dict[str, str]) -> dict:
    db = tmp / f"scale-{size}.db"
    started = time.perf_counter()
    populate(db, size, grid_every=0)
    figures: dict = {
        "generate_s": round(time.perf_counter() - started, 1),
        "database_mb": round(db.stat().st_size / 1e6, 1),
    }
    for name, argv in _commands(tmp, db, size):
        found = run_measured(argv, env)
        figures[name] = {
            "s": round(found["s"], 2),
            "cpu_s": round(found["cpu_s"], 2),
            "peak_rss_mb": round(found["peak_rss_mb"], 1),
        }
    screen, rss = run_worker("bench_compare.py", [str(db)], env)
    figures["compare_screen"] = {
        "s": round(screen["all_rows_s"], 2),
        "first_rows_s": round(screen["ready_s"], 2),
        "peak_rss_mb": rss,
    }
    return figures


def measure(tmp: Path, size: int = 10_000) -> dict:
    """The ``scale`` figures at 1,000 and ``size`` partnerships."""
    env = environment(tmp)
    at = {str(n): measure_size(tmp, n, env) for n in (BASE, size)}
    allowed = 1.1 * size / BASE
    growth = {}
    for name, big in at[str(size)].items():
        if not isinstance(big, dict):
            continue
        small = at[str(BASE)][name]
        ratio = big["s"] / small["s"] if small["s"] else None
        growth[name] = {
            "ratio": round(ratio, 1) if ratio else None,
            "linear": ratio is not None and ratio <= allowed,
            "peak_rss_mb": big["peak_rss_mb"],
            "bounded": big["peak_rss_mb"] < PEAK_LIMIT_MB,
        }
    return {
        "sizes": [BASE, size],
        "allowed_growth": round(allowed, 1),
        "peak_limit_mb": PEAK_LIMIT_MB,
        "at": at,
        "growth": growth,
    }


def table(figures: dict) -> str:
    small, big = (str(n) for n in figures["sizes"])
    lines = [
        f"{'command':<18} {small:>8} s {big:>8} s  growth (<= {figures['allowed_growth']}x)"
        f"  peak at {big} (< {figures['peak_limit_mb']} MB)"
    ]
    for name, grown in figures["growth"].items():
        a, b = figures["at"][small][name], figures["at"][big][name]
        lines.append(
            f"{name:<18} {a['s']:>10.2f} {b['s']:>10.2f}  {grown['ratio']}x"
            f"{'' if grown['linear'] else ' (NOT linear)'}  {b['peak_rss_mb']:.0f} MB"
            f"{'' if grown['bounded'] else ' (OVER)'}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", nargs="?", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = measure(Path(folder), args.size)
    print(table(figures))
    json.dump(figures, sys.stdout, indent=2)


if __name__ == "__main__":
    main()
