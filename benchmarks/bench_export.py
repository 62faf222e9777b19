"""The position paper: one docx (whole process and in-process), ``grow export --all`` of N papers,
and pandoc making the same N documents from grow's markdown export, where pandoc is installed.

Part of ``benchmarks/run.py`` (figure ``export``); on its own it prints the figures as JSON:

    .venv/bin/python benchmarks/bench_export.py [N]      (default 100)
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from common import GROW, emit, environment, median, ms, paired, repeat, run_timed, run_worker
from synthetic import populate

from grow_app.services.snapshots import snapshot_of


def in_process(db_path: str, session_id: str, runs: int) -> dict:
    """Worker: one paper in-process, the first one and then the median of ``runs``."""
    from grow_app.export.paper import export_paper
    from grow_app.services.catalog import load_catalog
    from grow_app.services.meeting import Meeting
    from grow_app.store import open_database

    db = open_database(db_path)
    meeting = Meeting.open(db, load_catalog(), session_id)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        export_paper(snapshot_of(meeting), "docx", Path(folder))
        first = time.perf_counter() - started
        rounds = []
        for _ in range(runs):
            started = time.perf_counter()
            export_paper(snapshot_of(meeting), "docx", Path(folder))
            rounds.append(time.perf_counter() - started)
    return {"first_s": round(first, 3), "median_ms": ms(median(rounds)), "runs": runs}


def pandoc_all(markdown: Path, out: Path) -> float:
    """Seconds for pandoc to turn every markdown paper in ``markdown`` into a docx."""
    started = time.perf_counter()
    for source in sorted(markdown.glob("*.md")):
        subprocess.run(
            ["pandoc", str(source), "-o", str(out / (source.stem + ".docx"))],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - started


def measure(tmp: Path, count: int, runs: int, rounds: int = 11) -> dict:
    """The ``export`` figures for ``count`` fully answered sessions."""
    env = environment(tmp)
    db_path = tmp / f"export-{count}.db"
    session_id = populate(db_path, count, grid_every=0)[0]
    grow = [*GROW, "--db", str(db_path)]
    single = tmp / "export-single"
    single.mkdir()
    figures: dict = {"papers": count}
    figures["one_docx_process"] = repeat(
        [*grow, "export", session_id, "-o", str(single / "paper.docx")], env, runs
    )
    inside, rss = run_worker("bench_export.py", [str(db_path), session_id, str(runs * 3)], env)
    figures["one_docx_in_process"] = {**inside, "peak_rss_mb": rss}
    for fmt in ("docx", "md"):
        folder = tmp / f"export-all-{fmt}"
        folder.mkdir()
        took, rss = run_timed([*grow, "export", "--all", "--format", fmt, "-o", str(folder)], env)
        figures[f"all_{fmt}"] = {"s": round(took, 3), "peak_rss_mb": round(rss, 1)}
    if shutil.which("pandoc"):
        out = tmp / "export-pandoc"
        out.mkdir()
        took = pandoc_all(tmp / "export-all-md", out)
        figures["pandoc_all_from_md"] = {"s": round(took, 3), "documents": count}
        figures["faster_than_pandoc"] = figures["all_docx"]["s"] < took
        figures["one_docx_vs_pandoc"] = one_paper_against_pandoc(tmp, grow, session_id, env, rounds)
    else:
        figures["pandoc_all_from_md"] = None  # not installed: skipped
        figures["one_docx_vs_pandoc"] = None
    return figures


def one_paper_against_pandoc(
    tmp: Path, grow: list[str], session_id: str, env: dict[str, str], rounds: int
) -> dict:
    """One position paper, as the facilitator makes it after a meeting: ``grow export SESSION``
    as a whole process against pandoc making a .docx of the same paper (grow's markdown
    export of that session), in paired rounds. Ratio below 1: grow is the quicker."""
    single = tmp / "paired-paper"
    single.mkdir()
    source = single / "paper.md"
    run_timed([*grow, "export", session_id, "--format", "md", "-o", str(source)], env)
    out = single / "out"
    out.mkdir()
    programs = {
        "pandoc": ["pandoc", str(source), "-o", str(single / "pandoc.docx")],
        "grow_export": [*grow, "export", session_id, "-o", str(out)],
    }
    figures = paired(programs, "pandoc", env, rounds)
    grow_figures = figures["programs"]["grow_export"]
    return {
        "rounds": rounds,
        "grow_median_s": grow_figures["median_s"],
        "pandoc_median_s": figures["programs"]["pandoc"]["median_s"],
        "ratio": grow_figures["ratio"],
        "cpu_ratio": grow_figures["cpu_ratio"],
        "grow_peak_rss_mb": grow_figures["peak_rss_mb"],
        "target_ratio": 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--worker", action="store_true", help="in-process figure (for run.py)")
    args = parser.parse_args()
    if args.worker:
        db_path, session_id, runs = args.args
        emit(in_process(db_path, session_id, int(runs)))
        return
    count = int(args.args[0]) if args.args else 100
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(measure(Path(folder), count, 3), indent=2))


if __name__ == "__main__":
    main()
