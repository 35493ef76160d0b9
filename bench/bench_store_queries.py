"""How fast the desktop store answers at alliance scale x50 (about 100k records): open, page, ids, search.

Builds (or reuses) a `--scale 50` demo store in bench/out/, then times each query over several repetitions with
time.perf_counter and prints the median, fastest and slowest run in ms, and the median CPU time of this process
(time.process_time): on a shared machine the wall time includes waiting for a core, the CPU time does not.
Goals (issue 2): a page of 200 rows in <= 20 ms and a text search in <= 100 ms at 100k records.

    python bench/bench_store_queries.py [--scale 50] [--repeat 15] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alliance_app.demo import generate_demo, load_demo
from alliance_app.models import Actor, Role
from alliance_app.services import Desk, RecordQuery
from alliance_app.store.engine import open_store

OUT = Path(__file__).resolve().parent / "out"
SECRETARIAT = Actor("bench", Role.SECRETARIAT)
PAGE_GOAL_MS, SEARCH_GOAL_MS = 20.0, 100.0


@dataclass(frozen=True)
class Run:
    wall_ms: float
    cpu_ms: float
    result: Any


def timed(fn: Callable[[], Any]) -> Run:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return Run((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result)


def build(scale: int, folder: Path) -> None:
    """Generates the demo at `scale`, then generates and loads it into the store in `folder`; prints both times."""
    generated = timed(lambda: generate_demo(scale))
    store = open_store(folder)
    try:
        loaded = timed(lambda: load_demo(store, scale=scale, force=True))
    finally:
        store.close()
    print(
        f"demo scale {scale}: generate {generated.wall_ms:.0f} ms (cpu {generated.cpu_ms:.0f}), "
        f"generate + load {loaded.wall_ms:.0f} ms (cpu {loaded.cpu_ms:.0f}), {sum(loaded.result.values())} records"
    )


def bench_store(scale: int, rebuild: bool) -> Path:
    """The benchmark store in bench/out/scale<N>/, built (and its build timed) unless it is already there."""
    folder = OUT / f"scale{scale}"
    if rebuild and folder.exists():
        shutil.rmtree(folder)
    store = open_store(folder)
    try:
        built = store.get_meta("demo_scale") == scale
    finally:
        store.close()
    if not built:
        build(scale, folder)
    return folder


def report(label: str, runs: list[Run], goal: float | None = None) -> None:
    wall = [r.wall_ms for r in runs]
    cpu = statistics.median(r.cpu_ms for r in runs)
    verdict = ""
    if goal is not None and statistics.median(wall) <= goal:
        verdict = "  ok"
    elif goal is not None:
        verdict = f"  wall misses {goal:.0f} ms" + (", cpu ok (busy machine)" if cpu <= goal else ", cpu MISSES too")
    print(
        f"{label:<52} median {statistics.median(wall):6.1f} ms  min {min(wall):6.1f}  max {max(wall):6.1f}"
        f"  cpu {cpu:6.1f}  rows {runs[-1].result:>9}{verdict}"
    )


def repeat(n: int, fn: Callable[[], Any]) -> list[Run]:
    fn()  # warm the page cache and SQLAlchemy's statement cache once, as a running window has
    return [timed(fn) for _ in range(n)]


def run_queries(folder: Path, n: int) -> None:
    def open_and_close() -> int:
        desk = Desk.open(folder)
        desk.close()
        return 1

    report("open the store (Desk.open + close)", repeat(n, open_and_close))
    with Desk.open(folder) as opened:
        desk = Desk(opened.store, SECRETARIAT)
        print(f"records: {sum(desk.status().counts.values())}  projects: {desk.count('project')}")
        filtered = RecordQuery(filters={"status": ["ongoing", "planned"], "domain": "smart_city"}, sort="title")
        total = desk.count("project", filtered)

        def page(query: RecordQuery) -> Callable[[], str]:
            def one_page() -> str:
                shown = desk.page("project", query)
                return f"{len(shown.rows)}/{shown.total}"

            return one_page

        report("page of 200 projects, status+domain filter, by title", repeat(n, page(filtered)), PAGE_GOAL_MS)
        deep = RecordQuery(filters=filtered.filters, sort="title", offset=max(0, total - 200))
        report(f"  same, deep page (offset {deep.offset} of {total})", repeat(n, page(deep)), PAGE_GOAL_MS)
        middle = desk.count("project") // 2
        everything = RecordQuery(sort="title", offset=middle)
        report(f"page of 200 projects, no filter, offset {middle}", repeat(n, page(everything)), PAGE_GOAL_MS)
        by_start = RecordQuery(sort="start_date", offset=middle)
        report(f"page of 200 projects by start date, offset {middle}", repeat(n, page(by_start)), PAGE_GOAL_MS)
        report("Desk.ids of all projects (default order: title)", repeat(n, lambda: len(desk.ids("project"))))
        for term in ("智能", "茶园", "Optics Valley"):
            query = RecordQuery(search=term)
            report(
                f"search projects {term!r}: page of 200 + total",
                repeat(n, lambda q=query: desk.page("project", q).total),
                SEARCH_GOAL_MS,
            )
        report(
            "search contacts '王' (names), page of 200 + total",
            repeat(n, lambda: desk.page("contact", RecordQuery(search="王")).total),
            SEARCH_GOAL_MS,
        )
        report(
            "search project partners by member name '光谷'",
            repeat(n, lambda: desk.page("project_partner", RecordQuery(search="光谷")).total),
            SEARCH_GOAL_MS,
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true", help="build the benchmark store again (and time it)")
    args = parser.parse_args(argv)

    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        build(1, Path(tmp))
    run_queries(bench_store(args.scale, args.rebuild), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
