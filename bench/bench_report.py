"""Benchmark of the annual report: the demo alliance and a --scale 50 alliance, in both editions.

Prints, per store: the time to load the demo, then, in a fresh process (so that the peak memory is the report's,
not the demo generator's): compute_figures (what the dashboard pays at window start), the records behind the
dashboard's numbers, and each edition's PDF build including its figures, twice (wall and CPU seconds, pages, layout
passes), then the peak resident memory and the load average (the machine may be shared).
Goals (issue #13): demo report ≤ 1 s per edition including figures; scale 50 ≤ 3 s; memory ≤ 300 MB.

    PYTHONPATH=. python bench/bench_report.py [--scales 1 50] [--year 2026] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from alliance_app.demo import load_demo
from alliance_app.reports.build import build_report
from alliance_app.reports.compute import compute_figures
from alliance_app.reports.period import beijing_today
from alliance_app.reports.selection import records_behind
from alliance_app.store.engine import open_store


def peak_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(action):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    value = action()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def bench(scale: int, year: int, folder: Path) -> None:
    """Loads the demo at `scale`, then measures the report in a fresh process: the peak memory is then the
    report's (and the store's), not the demo generator's."""
    path = folder / f"scale-{scale}"
    store = open_store(path)
    try:
        counts, wall, _ = timed(lambda: load_demo(store, scale=scale, force=True))
    finally:
        store.close()
    records, members = sum(counts.values()), counts.get("member", 0)
    print(f"scale {scale}: {records:,} records ({members:,} members), loaded in {wall:.1f} s", flush=True)
    subprocess.run([sys.executable, __file__, "--measure", str(path), "--year", str(year)], check=True)


def measure(path: Path, year: int) -> None:
    store = open_store(path)
    try:
        figures, wall, cpu = timed(lambda: compute_figures(store, year))
        print(f"  compute_figures          {wall:6.2f} s wall {cpu:6.2f} s cpu   (imports pandas)")
        _, wall, cpu = timed(lambda: compute_figures(store, year))
        print(f"  compute_figures (again)  {wall:6.2f} s wall {cpu:6.2f} s cpu")
        _, wall, cpu = timed(lambda: records_behind(store, year, beijing_today()))
        print(f"  records_behind           {wall:6.2f} s wall {cpu:6.2f} s cpu   (the dashboard's links)")
        for rounds in ("first", "again"):
            for lang in ("zh", "en"):
                target = path.parent / f"report-{path.name}-{lang}.pdf"
                result, wall, cpu = timed(lambda: build_report(store, year, lang, target))  # noqa: B023
                print(
                    f"  report {lang} ({rounds})  {wall:6.2f} s wall {cpu:6.2f} s cpu  {result.pages:4d} pages"
                    f"  {result.passes} passes  {target.stat().st_size / 1e6:5.1f} MB   (figures included)"
                )
        print(f"  peak memory              {peak_mb():6.0f} MB   load average {os.getloadavg()[0]:.2f}")
        del figures
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="keep the stores and PDFs in this folder")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process: one loaded store
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.year)
        return
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
