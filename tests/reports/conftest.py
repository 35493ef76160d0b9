"""Fixtures of the report tests: the fixture alliance in a store, its two editions built once, and PDF readers."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from alliance_app.models import Actor, Role
from alliance_app.reports.build import ReportResult, build_report
from alliance_app.services import Desk
from alliance_app.store.engine import Store, open_store
from tests.reports.alliance_fixture import build_alliance

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
YEAR = 2026
# The day the tests' reports are made: 2026 is over then, so its figures are final and do not move with the clock.
# Provisional reports (made mid-year) are tested with their own day.
TODAY = date(2027, 3, 1)
# A number cell as the report prints it: 1,234 · 12.50 · 3.0% · +2 (+66.7%) · 32.42 亿元 · RMB 3.24 billion ·
# — (no change, no value, no alliance) · 未填报 / not reported
NUMBER = re.compile(
    r"^(—|未填报|not reported|[+-]?(RMB )?[\d,]+(\.\d+)?%?( (亿元|万元|billion|million))?"
    r"( \([+-][\d,.]+%\)|（[+-][\d,.]+%）)?)$"
)


@dataclass
class BuiltReport:
    result: ReportResult
    pages: list[str]  # pypdf text of each page
    lang: str

    @property
    def lines(self) -> list[str]:
        return [line.strip() for page in self.pages for line in page.splitlines() if line.strip()]

    def numbers_after(self, label: str, count: int, start: int = 0) -> list[str]:
        """The `count` numbers that follow the first line(s) reading `label` (from line `start` on) that are
        followed by `count` number lines: one row of a table, as pypdf extracts it (a cell per line; a label
        that wraps in its cell spans up to three lines)."""
        lines = self.lines
        wanted = label.replace(" ", "")
        for i in range(start, len(lines)):
            for span in (1, 2, 3):
                if "".join(lines[i : i + span]).replace(" ", "") != wanted:
                    continue
                following = lines[i + span : i + span + count]
                if len(following) == count and all(NUMBER.match(x) for x in following):
                    return following
        raise AssertionError(f"no row {label!r} with {count} numbers in the {self.lang} edition")

    @property
    def notes(self) -> str:
        """The text of the data notes section (数据说明), from its heading's page to the end."""
        heading = next(
            i
            for i, page in enumerate(self.pages)
            if i > 1
            and ("数据说明" in page or "Data notes" in page)
            and ("数据来源" in page or "Source and as-of" in page)
        )
        return " ".join(" ".join(self.pages[heading:]).split())

    def line_of(self, heading: str, after: int = 2) -> int:
        """The index in `lines` of `heading` in the body (after the cover and contents pages)."""
        skip = sum(len([line for line in page.splitlines() if line.strip()]) for page in self.pages[:after])
        return self.lines.index(heading, skip)

    def page_of(self, heading: str, after: int = 2) -> int:
        """The 1-based page whose text has `heading` as a line, not counting the cover and contents."""
        for number, text in enumerate(self.pages, 1):
            if number > after and heading in [line.strip() for line in text.splitlines()]:
                return number
        raise AssertionError(f"heading {heading!r} not found")


def read_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def layout_text(path: Path, first: int, last: int) -> str:
    """pdftotext -layout of some pages (keeps a contents line's title, dots and page number on one line)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def build(store: Store, lang: str, path: Path, year: int = YEAR, today: date = TODAY) -> BuiltReport:
    result = build_report(store, year, lang, path, today=today)
    return BuiltReport(result, read_pages(path), lang)


@pytest.fixture(scope="module")
def source() -> str:
    """Which alliance the module's store holds: "fixture" (written through Desk) or "demo" (alliance_app.demo).
    A test module overrides this with both as params to run its tests over each."""
    return "fixture"


@pytest.fixture(scope="module")
def alliance_store(tmp_path_factory: pytest.TempPathFactory, source: str) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("alliance") / "data")
    if source == "demo":
        from alliance_app.demo import load_demo

        load_demo(store)
    else:
        build_alliance(Desk(store, SECRETARIAT))
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def sql(alliance_store: Store) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection to the same file: the tests' independent way of counting."""
    connection = sqlite3.connect(alliance_store.path)
    try:
        yield connection
    finally:
        connection.close()


@pytest.fixture(scope="module")
def reports(alliance_store: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltReport]:
    folder = tmp_path_factory.mktemp("reports")
    return {lang: build(alliance_store, lang, folder / f"report-{lang}.pdf") for lang in ("zh", "en")}
