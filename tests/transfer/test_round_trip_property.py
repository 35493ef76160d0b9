"""Property: any value the import accepts, exported (.xlsx and .csv) and imported again, is unchanged: the second
import finds nothing to change, lists no conversion and no problem, and the stored values stay as they were."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from alliance_app.services import Desk
from alliance_app.services.transfer import apply_plan, export_records, plan_file
from tests.transfer.sheets import write_csv, write_xlsx

_counter = itertools.count()
# Text as clerks type it, with what spreadsheets and CSV treat specially: formula starts, apostrophes, quotes,
# separators, line breaks, spaces, full-width brackets.
TEXT = st.text(alphabet=st.sampled_from(list("小米武汉科技智能=+-@'\" ,;，、\n（）()Ab1")), min_size=1, max_size=16)
CITIES = st.one_of(
    st.sampled_from(["武汉", "武汉市", "湖北省宜昌市", "恩施州", "Wuhan", "襄樊", "神农架", "长沙", "北京市", ""]), TEXT
)
DATES = st.one_of(
    st.dates().filter(lambda d: 1990 <= d.year <= 2090).flatmap(
        lambda d: st.sampled_from([d.isoformat(), f"{d.year}.{d.month}.{d.day}", f"{d.year}年{d.month}月{d.day}日",
                                   f"{d.year}.{d.month}", f"{d.year}-{d.month:02d}", f"{d.year}{d.month:02d}", d])
    ),
    st.just(""),
)  # fmt: skip
AMOUNTS = st.one_of(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).flatmap(
        lambda n: st.sampled_from([f"{n}", f"{n}万", f"{n}万元", f"{n}亿", f"{n}元", f"{n}千元", float(n)])
    ),
    st.just(""),
)
PHONES = st.sampled_from(["027-8765 4321", "(027)87654321", "+86 138 7123 4568", "13800138000", "0717-6234567转12"])


def _export_and_re_import(desk: Desk, kind: str, record_id: str, folder: Path) -> None:
    before = desk.get(kind, record_id)
    for suffix in (".xlsx", ".csv"):
        path = folder / f"again{suffix}"
        export_records(desk, kind, path, ids=[record_id])
        _table, plan = plan_file(desk, kind, path)
        assert plan.problems == [], [p.line("en") for p in plan.problems]
        assert plan.conversions == [], [c.line("en") for c in plan.conversions]
        assert [r.action for r in plan.rows] == ["unchanged"], [(r.action, r.values, r.before) for r in plan.rows]
        apply_plan(desk, plan)
        assert desk.get(kind, record_id) == before


def _accept_and_round_trip(desk: Desk, kind: str, source: Path, tmp_path: Path) -> None:
    """A file the import refuses has nothing to round-trip; one it accepts creates one record that must come back
    unchanged through export and import."""
    _table, plan = plan_file(desk, kind, source)
    if plan.problems:
        event("refused: " + plan.problems[0].code)
        return
    event("accepted")
    apply_plan(desk, plan)
    (row,) = plan.rows
    assert row.action == "create" and row.record_id
    _export_and_re_import(desk, kind, row.record_id, tmp_path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT, short=TEXT, city=CITIES, joined=DATES, website=st.sampled_from(["", "https://ex.cn/a=1"]),
       csv=st.booleans())  # fmt: skip
def test_any_member_the_import_accepts_comes_back_unchanged(
    desk: Desk, alliance: dict[str, str], tmp_path: Path, name: str, short: str, city: str, joined: Any,
    website: str, csv: bool,
) -> None:  # fmt: skip
    full_name = f"{name}第{next(_counter)}号"  # every example a new member: 第 is not in TEXT, so "1"+"2" ≠ " "+"12"
    rows = [["中文名称", "简称", "城市", "入盟日期", "网站"], [full_name, short, city, joined, website]]
    source = (
        write_csv(tmp_path / "m.csv", [[str(c) for c in r] for r in rows])
        if csv
        else write_xlsx(tmp_path / "m.xlsx", rows, literal=True)
    )
    _accept_and_round_trip(desk, "member", source, tmp_path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, start=DATES, end=DATES, investment=AMOUNTS, funding=TEXT, csv=st.booleans())
def test_any_project_the_import_accepts_comes_back_unchanged(
    desk: Desk, alliance: dict[str, str], tmp_path: Path, title: str, start: Any, end: Any, investment: Any,
    funding: str, csv: bool,
) -> None:  # fmt: skip
    full_title = f"{title}第{next(_counter)}期"
    rows = [["牵头单位", "项目名称", "重点领域", "开始日期", "结束日期", "投资额（万元）", "资金来源"],
            ["武大", full_title, "智慧城市", start, end, investment, funding]]  # fmt: skip
    source = (
        write_csv(tmp_path / "p.csv", [[str(c) for c in r] for r in rows])
        if csv
        else write_xlsx(tmp_path / "p.xlsx", rows, literal=True)
    )
    _accept_and_round_trip(desk, "project", source, tmp_path)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT, phone=PHONES)
def test_any_contact_phone_the_import_accepts_comes_back_unchanged(
    desk: Desk, alliance: dict[str, str], tmp_path: Path, name: str, phone: str
) -> None:
    full_name = f"{name}第{next(_counter)}"
    source = write_xlsx(tmp_path / "c.xlsx", [["成员单位", "姓名", "电话"], ["武大", full_name, phone]], literal=True)
    _accept_and_round_trip(desk, "contact", source, tmp_path)
