"""STYLE asks for short modules (issue 15): the transfer services stay split along their jobs, none past 400 lines."""

from __future__ import annotations

from pathlib import Path

TRANSFER = Path(__file__).resolve().parents[2] / "alliance_app" / "services" / "transfer"


def test_no_transfer_module_is_longer_than_400_lines() -> None:
    lengths = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in TRANSFER.glob("*.py")}
    assert "check.py" in lengths and "row_check.py" in lengths
    assert {name: n for name, n in lengths.items() if n > 400} == {}
