"""Benchmark of the annual report: the demo alliance and a --scale 50 alliance, in both editions.

Prints, per store: the time to load the demo, compute_figures (what the dashboard pays at window start), and each
edition's PDF build (wall and CPU seconds, pages, layout passes), then the peak resident memory of the process.
Goals (issue #6): demo report ≤ 3 s; scale 50 ≤ 30 s and ≤ 1 GB.

    PYTHONPATH=. python bench/bench_report.py [--scales 1 50] [--year 2026] [--keep DIR]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from alliance_app.demo import load_demo
from alliance_app.reports.build import build_report
from alliance_app.reports.figures import compute_figures
from alliance_app.store.engine import open_store


def peak_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(action):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    value = action()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def bench(scale: int, year: int, folder: Path) -> None:
    store = open_store(folder / f"scale-{scale}")
    try:
        counts, wall, _ = timed(lambda: load_demo(store, scale=scale, force=True))
        records, members = sum(counts.values()), counts.get("member", 0)
        print(f"scale {scale}: {records:,} records ({members:,} members), loaded in {wall:.1f} s")
        figures, wall, cpu = timed(lambda: compute_figures(store, year))
        print(f"  compute_figures          {wall:6.2f} s wall {cpu:6.2f} s cpu")
        _, wall, cpu = timed(lambda: compute_figures(store, year))
        print(f"  compute_figures (again)  {wall:6.2f} s wall {cpu:6.2f} s cpu   (pandas already imported)")
        for lang in ("zh", "en"):
            target = folder / f"report-{scale}-{lang}.pdf"
            result, wall, cpu = timed(lambda: build_report(store, year, lang, target))  # noqa: B023
            print(
                f"  report {lang}  {wall:6.2f} s wall {cpu:6.2f} s cpu  {result.pages:4d} pages  {result.passes} passes"
                f"  {target.stat().st_size / 1e6:5.1f} MB"
            )
        print(f"  peak memory so far       {peak_mb():6.0f} MB")
        del figures
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="keep the stores and PDFs in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-report-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for scale in args.scales:
            bench(scale, args.year, folder)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
