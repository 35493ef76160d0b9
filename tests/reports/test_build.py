"""build_report reports progress, can be cancelled between sections, and refuses what it cannot do clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_app.reports.build import ReportError, build_report
from alliance_app.reports.compute import compute_figures
from alliance_app.reports.layout import ReportCancelled
from alliance_app.services import Desk
from alliance_app.store import meta_keys
from alliance_app.store.engine import Store
from tests.reports.conftest import SECRETARIAT, TODAY, YEAR


def test_progress_rises_to_its_total(alliance_store: Store, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    result = build_report(
        alliance_store, YEAR, "zh", tmp_path / "r.pdf", progress=lambda d, t: seen.append((d, t)), today=TODAY
    )
    assert [d for d, _ in seen] == list(range(1, len(seen) + 1))
    assert all(d <= t for d, t in seen)
    assert seen[-1][0] == seen[-1][1], "the last report says done"
    assert result.passes >= 2


@pytest.mark.parametrize("stop_after", [1, 5, 15])
def test_cancel_stops_between_sections_and_leaves_no_file(
    alliance_store: Store, tmp_path: Path, stop_after: int
) -> None:
    target = tmp_path / "r.pdf"
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > stop_after

    with pytest.raises(ReportCancelled):
        build_report(alliance_store, YEAR, "en", target, cancelled=cancelled, today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_cancel_keeps_an_earlier_report_of_the_same_name(alliance_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(b"%PDF-earlier")
    with pytest.raises(ReportCancelled):
        build_report(alliance_store, YEAR, "zh", target, cancelled=lambda: True, today=TODAY)
    assert target.read_bytes() == b"%PDF-earlier"


def test_a_missing_folder_is_a_clear_error(alliance_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        build_report(alliance_store, YEAR, "zh", tmp_path / "nowhere" / "r.pdf", today=TODAY)
    assert "不存在" in caught.value.message("zh") and "does not exist" in caught.value.message("en")


def test_an_unknown_language_is_refused(alliance_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ReportError):
        build_report(alliance_store, YEAR, "fr", tmp_path / "r.pdf", today=TODAY)


def test_the_figures_take_the_stores_state_from_what_the_desk_reports(alliance_store: Store) -> None:
    """Demo flag, unpushed and refused edits and the last sync come from Desk.status(), not a count of their own."""
    desk = Desk(alliance_store, SECRETARIAT)
    status = desk.status()
    figures = compute_figures(alliance_store, YEAR, TODAY)
    assert status.pending > 0  # the fixture was written through the desk and never pushed
    facts = (figures.demo, figures.pending_edits, figures.rejected_edits, figures.last_synced_at)
    assert facts == (status.demo, status.pending, status.rejected, status.last_synced_at)
    with alliance_store.write() as session:
        alliance_store.set_meta(session, meta_keys.LAST_SYNCED, "2026-11-28T08:00:00")
    try:
        assert compute_figures(alliance_store, YEAR, TODAY).last_synced_at == desk.status().last_synced_at
        assert desk.status().last_synced_at == "2026-11-28T08:00:00"
    finally:
        with alliance_store.write() as session:
            alliance_store.set_meta(session, meta_keys.LAST_SYNCED, None)


def test_figures_hold_no_pandas_objects(alliance_store: Store) -> None:
    import json

    figures = compute_figures(alliance_store, YEAR, TODAY)
    text = json.dumps(figures.as_json(), ensure_ascii=False)  # plain types only, or this raises
    assert '"year": 2026' in text

    def walk(value: object) -> None:
        assert type(value).__module__.split(".")[0] not in ("pandas", "numpy"), type(value)
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))

    walk(figures)
