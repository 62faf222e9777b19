"""grow benchmarks: what it costs, from one partnership to the whole country. The one entry point.

    python benchmarks/run.py [--quick] [--scale N] [--json PATH]

Generates synthetic data (``synthetic.py``) at 1, 100 and 1,000 partnerships, measures every
figure as the median of several runs (each in its own process, so its peak memory is its own),
prints a table with the targets beside the figures and optionally writes them as JSON. Where
grow is compared with a floor (a bare Textual app, a bare click app, pandoc), both run in the
same rounds and the figure is the median of each round's own ratio, with min-max.
``--quick`` runs the small sizes only (1 and 100 partnerships, fewer runs), in under a minute.
``--scale N`` adds every bulk command at 1,000 and N partnerships (10,000: some minutes).
Plain Python: no test asserts timings; tests/unit/test_benchmarks_smoke.py only keeps this
code from rotting.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import bench_cli  # noqa: E402
import bench_compare  # noqa: E402
import bench_export  # noqa: E402
import bench_scale  # noqa: E402
import live_probe  # noqa: E402
import startup_probe  # noqa: E402
from common import environment, finally_on_sigterm, run_worker  # noqa: E402
from synthetic import populate  # noqa: E402

TARGETS = {
    "startup": "<= 1.25x bare Textual",
    "typed_key": "<= 1.25x bare Textual + TextArea",
    "move": "p95 <= 50 ms",
    "cli": "<= 1.5x a bare click app",
    "one_paper": "<= 1.0x pandoc",
    "scale": "10k/1k <= 11x, peak < 200 MB",
    "save": "p95 < 5 ms, never on the keystroke path",
    "export": "export --all faster than pandoc",
    "compare_screen": "< 0.3 s at 1,000",
    "compare_docx": "< 10 s at 1,000",
    "import": "< 10 s for 1,000 bundles",
    "rss": "< 200 MB at 1,000",
}


def machine() -> dict:
    model = ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next(
            (ln.split(":", 1)[1].strip() for ln in out.splitlines() if "Model name" in ln), ""
        )
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": model,
        "cpus": os.cpu_count(),
        "ram_gb": round(memory, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
    }


def save_and_typing(tmp: Path, quick: bool) -> tuple[dict, dict]:
    keys, writes = ("10", "30") if quick else ("40", "100")
    found, rss = run_worker(
        "session_typing.py", ["--keys", keys, "--writes", writes], environment(tmp)
    )
    found["typing"]["peak_rss_mb"] = rss
    return found["save"], found["typing"]


def collect(tmp: Path, quick: bool, scale: int | None = None) -> dict:
    runs = 3 if quick else 5
    results: dict = {"machine": machine(), "quick": quick}
    started = time.perf_counter()
    results["startup"] = startup_probe.measure(tmp, 5 if quick else 11)
    results["live"] = live_probe.measure(tmp / "live", 5 if quick else 11, 10 if quick else 25)
    results["cli"] = bench_cli.measure(tmp, 7 if quick else 15)
    results["save"], results["typing"] = save_and_typing(tmp, quick)
    results["export"] = bench_export.measure(
        tmp, 10 if quick else 100, runs, rounds=7 if quick else 15
    )
    sizes = [100] if quick else [100, 1000]
    results["compare"] = {
        str(n): bench_compare.measure(tmp, n, runs, with_import=n == sizes[-1]) for n in sizes
    }
    biggest = results["compare"][str(sizes[-1])]
    results["import"] = biggest.pop("import")
    results["rss"] = rss_summary(tmp, results)
    if scale:
        results["scale"] = bench_scale.measure(tmp, scale)
    results["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


def rss_summary(tmp: Path, results: dict) -> dict:
    """Peak memory of every figure above, in MB, and the database sizes."""
    one = tmp / "rss-1.db"
    populate(one, 1)
    compare = results["compare"]
    return {
        "startup_grow_open_mb": results["startup"]["peak_rss_mb"]["grow_open"],
        "startup_bare_mb": results["startup"]["peak_rss_mb"]["bare"],
        "session_typing_mb": results["typing"]["peak_rss_mb"],
        "export_one_mb": results["export"]["one_docx_process"]["peak_rss_mb"],
        "export_all_mb": results["export"]["all_docx"]["peak_rss_mb"],
        "import_mb": results["import"]["peak_rss_mb"],
        **{f"compare_screen_{n}_mb": c["screen_peak_rss_mb"] for n, c in compare.items()},
        **{f"compare_docx_{n}_mb": c["docx"]["peak_rss_mb"] for n, c in compare.items()},
        **{f"compare_csv_{n}_mb": c["csv"]["peak_rss_mb"] for n, c in compare.items()},
        "database_mb": {
            "1": round(one.stat().st_size / 1e6, 2),
            **{n: c["database_mb"] for n, c in compare.items()},
        },
    }


def table(r: dict) -> str:
    s, sv, ty, ex, im = r["startup"], r["save"], r["typing"], r["export"], r["import"]
    n = max(r["compare"], key=int)
    c = r["compare"][n]
    pandoc = ex["pandoc_all_from_md"]
    rows = [
        ("startup: bare Textual app, one line", f"{s['bare_textual_s'] * 1000:.0f} ms", ""),
        (
            "startup: grow open, first question",
            f"{s['grow_open_first_question_s'] * 1000:.0f} ms",
            "",
        ),
        (
            "startup: ratio (paired median, min-max)",
            f"{s['ratio']:.2f}x ({s['ratio_min']:.2f}-{s['ratio_max']:.2f})",
            TARGETS["startup"],
        ),
        (
            "startup: grow, home screen",
            f"{s['grow_home_s'] * 1000:.0f} ms ({s['home_ratio']:.2f}x)",
            "",
        ),
        *live_rows(r["live"]),
        *cli_rows(r["cli"]),
        (
            "save: autosave write median / p95",
            f"{sv['median_ms']:.1f} / {sv['p95_ms']:.1f} ms",
            TARGETS["save"],
        ),
        (
            "save: bare sqlite3 commit (FULL) median / p95",
            f"{sv['bare_sqlite_commit_median_ms']:.1f} / {sv['bare_sqlite_commit_p95_ms']:.1f} ms",
            "(the disk's fsync: the floor)",
        ),
        (
            "save: key handled while a save is in flight",
            f"{sv['key_while_save_in_flight_ms']:.0f} ms (waits: {sv['on_keystroke_path']})",
            "",
        ),
        (
            "typing: per key, 10,000-word answer",
            f"{ty['session_ms_per_key']:.0f} ms (bare TextArea {ty['bare_textarea_ms_per_key']:.0f})",
            "",
        ),
        (
            "export: one docx, whole process",
            f"{ex['one_docx_process']['median_s'] * 1000:.0f} ms",
            "",
        ),
        ("export: one docx, in-process", f"{ex['one_docx_in_process']['median_ms']:.0f} ms", ""),
        (
            f"export --all: {ex['papers']} docx / md",
            f"{ex['all_docx']['s']:.2f} / {ex['all_md']['s']:.2f} s",
            TARGETS["export"],
        ),
        (
            f"pandoc: {ex['papers']} md -> docx",
            f"{pandoc['s']:.2f} s" if pandoc else "skipped (no pandoc)",
            "",
        ),
        one_paper_row(ex.get("one_docx_vs_pandoc")),
    ]
    for size, cmp in r["compare"].items():
        rows += [
            (
                f"compare screen first rows drawn (cpu; all rows), {size}",
                f"{cmp['screen_ready_s']:.3f} s ({cmp['screen_ready_cpu_s']:.3f}; {cmp['screen_all_rows_s']:.3f} s)",
                TARGETS["compare_screen"] if size == "1000" else "",
            ),
            (
                f"grow compare docx / csv, {size}",
                f"{cmp['docx']['median_s']:.2f} / {cmp['csv']['median_s']:.2f} s",
                TARGETS["compare_docx"] if size == "1000" else "",
            ),
        ]
    rows += [
        (
            f"import {im['bundles']} bundles (again, unchanged)",
            f"{im['s']:.2f} s ({im['again_unchanged_s']:.2f} s)",
            TARGETS["import"],
        ),
        (
            f"peak RSS at {n}: screen / docx / import",
            f"{c['screen_peak_rss_mb']:.0f} / {c['docx']['peak_rss_mb']:.0f} / {im['peak_rss_mb']:.0f} MB",
            TARGETS["rss"],
        ),
        (
            "database size: " + ", ".join(r["rss"]["database_mb"]),
            " / ".join(f"{v} MB" for v in r["rss"]["database_mb"].values()),
            "",
        ),
    ]
    width = max(len(row[0]) for row in rows)
    value = max(len(row[1]) for row in rows)
    lines = [f"{'figure':<{width}}  {'measured':<{value}}  target", "-" * (width + value + 30)]
    lines += [f"{a:<{width}}  {b:<{value}}  {c}" for a, b, c in rows]
    return "\n".join(lines)


def live_rows(live: dict) -> list[tuple[str, str, str]]:
    key, move = live["typed_key"], live["move"]
    return [
        (
            "typed key visible: grow open vs bare Textual editor (paired median, min-max)",
            f"{key['ratio']:.2f}x ({key['ratio_min']:.2f}-{key['ratio_max']:.2f}); "
            f"{key['grow_open_s'] * 1000:.0f} / {key['bare_textual_editor_s'] * 1000:.0f} ms",
            TARGETS["typed_key"],
        ),
        (
            "move: Ctrl+Down to the next question drawn, p50 / p95",
            f"{move['p50_ms']:.0f} / {move['p95_ms']:.0f} ms",
            TARGETS["move"],
        ),
    ]


def _ratio(figure: dict | None) -> str:
    if not figure:
        return "-"
    return f"{figure['median']:.2f}x ({figure['min']:.2f}-{figure['max']:.2f})"


def cli_rows(cli: dict) -> list[tuple[str, str, str]]:
    """One row per read-only command: its paired ratio to a bare click app (and CPU's)."""
    programs = cli["programs"]
    bare = programs[cli["floor"]]["median_s"]
    rows = [("cli: bare click app, one line", f"{bare * 1000:.0f} ms", "")]
    for name, found in programs.items():
        if name == cli["floor"]:
            continue
        rows.append(
            (
                f"cli: grow {name.replace('_', ' ')} (paired; cpu)",
                f"{_ratio(found['ratio'])}; {_ratio(found['cpu_ratio'])}",
                TARGETS["cli"] if name == "session_list" else "",
            )
        )
    return rows


def one_paper_row(found: dict | None) -> tuple[str, str, str]:
    if not found:
        return ("export: one paper against pandoc", "skipped (no pandoc)", TARGETS["one_paper"])
    return (
        "export: one paper against pandoc (paired; cpu)",
        f"{_ratio(found['ratio'])}; {_ratio(found['cpu_ratio'])}",
        TARGETS["one_paper"],
    )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only, under a minute")
    parser.add_argument(
        "--scale",
        type=int,
        metavar="N",
        help="also every bulk command at 1,000 and N partnerships (10000: some minutes)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        results = collect(Path(folder), args.quick, args.scale)
    print(table(results))
    if "scale" in results:
        print()
        print(bench_scale.table(results["scale"]))
    print(
        f"({results['machine']['cpus']} cpus, {results['machine']['cpu']}, "
        f"Python {results['machine']['python']}, load {results['machine']['load_before']} -> "
        f"{results['machine']['load_after']}, {results['seconds']} s)"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


if __name__ == "__main__":
    finally_on_sigterm()
    main()
