"""A cell's text is prepared once per (column, text, number cell) in an import: a repeated cell gives every row the
same reading, a cell the file made unreadable gives every row its own problem, and the same text as a number cell
and as a text cell is read each way (2025.1 as a number may have been 2025.10)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from alliance_app.services import Desk
from alliance_app.services.member_names import MemberDirectory
from alliance_app.services.transfer import plan_file
from alliance_app.services.transfer.columns import IMPORT_KINDS, columns
from alliance_app.services.transfer.headers import match_headers
from alliance_app.services.transfer.read import RawRow, RawTable
from alliance_app.services.transfer.row_cells import CellReader
from tests.transfer.conftest import add_alliance
from tests.transfer.sheets import write_xlsx


def test_repeated_cells_are_read_alike_and_each_unreadable_one_is_a_problem(desk: Desk, tmp_path: Path) -> None:
    header = ["单位名称", "加入时间", "统一社会信用代码"]
    rows = []
    for i in range(2):
        rows += [
            [f"甲{i}科技有限公司", 2025.1, None],  # a number cell: January or October?
            [f"乙{i}科技有限公司", "2025.1", None],  # typed text: January 2025, converted and said so
            [f"丙{i}科技有限公司", None, "9.14201E+17"],  # a spreadsheet ate the digits
        ]
    _table, plan = plan_file(desk, "member", write_xlsx(tmp_path / "m.xlsx", [header, *rows]))
    by_row = {}
    for problem in plan.problems:
        by_row.setdefault(problem.row, []).append((problem.field, problem.code))
    assert by_row == {
        2: [("joined_on", "type")],
        4: [("credit_code", "type")],
        5: [("joined_on", "type")],
        7: [("credit_code", "type")],
    }
    read = {row.number: row.values.get("joined_on") for row in plan.rows}
    assert str(read[3]) == str(read[6]) == "2025-01-01"
    assert sorted(c.row for c in plan.conversions if c.field == "joined_on") == [3, 6]


# Texts a clerk's columns hold, by kind: read, converted (units, year and month, cities), unreadable, empty, names
# finding one member, none or several, lists, periods that split and do not, ids good and bad.
COLUMNS = {
    "project": {
        "编号": ["", "not-an-id", "0190b6f5-3a1c-7c4e-9a33-2f1e5d6c7b8a"],
        "牵头单位": ["武汉大学", "武大", " 小米武汉 ", "Wuhan University", "没有这家", ""],
        "项目名称": ["示范", " 示范 ", "'+省级配套", ""],
        "重点领域": ["智能制造", "智能汽车", "", "智慧城市"],
        "状态": ["进行中", "在建", ""],
        "起止时间": ["2024.03-2025.12", "2024-03-01至2025-12-31", "2024", "", "2025.1-2026.1", "2024-03-01-2025-12-31"],
        "投资额（亿元）": ["1.2", "1.2亿", "500000元", "约300", "", "850万", "2025.1"],
        "合作单位": ["武大；北斗研究院", "Xiaomi (Wuhan) Technology Co., Ltd., 武大", "没有这家", "", "武大、武大"],
    },
    "member": {
        "单位名称": ["湖北光谷智能科技有限公司", " 武汉大学 ", ""],
        "单位类别": ["企业", "高等院校", "外星人", ""],
        "所属市州": ["武汉", "武汉市", "恩施州", "Paris", ""],
        "加入时间": ["2024.3", "2024-03-01", "2025.1", "2025.5", "45000", "昨天", ""],
        "主要领域": ["智能制造、区块链", "智能汽车", "", "区块链"],
        "是否高新技术企业": ["是", "否", "也许", ""],
        "统一社会信用代码": ["9.14201E+17", "91420100MA4K2L3X1Y", ""],
    },
}


def _reader(desk: Desk, kind: str) -> CellReader:
    headers = list(COLUMNS[kind])
    match = match_headers(kind, headers)
    assert len(match.mapping) == len(headers), match.unknown  # every column is read
    with desk.store.read() as session:
        directory = MemberDirectory.load(session)
    return CellReader(desk, kind, RawTable(headers, [], 1), match.mapping, directory)


@st.composite
def _rows(draw: st.DrawFn, kind: str) -> list[RawRow]:
    texts = list(COLUMNS[kind].values())
    rows = []
    for number in range(2, 2 + draw(st.integers(1, 14))):
        cells = [draw(st.sampled_from(choices)) for choices in texts]
        numbers = draw(st.frozensets(st.integers(0, len(texts) - 1)))  # as a number in the file, or typed
        rows.append(RawRow(number, cells, numbers))
    return rows


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.data())
def test_a_cell_read_once_gives_each_row_what_reading_it_afresh_gives(desk: Desk, data: st.DataObject) -> None:
    """The import reads each distinct text of a column once: every row, in any order, gets exactly what a reader
    seeing the row for the first time gets (values, id, partners, failed fields, problems at the row's own cells,
    conversions), and its own list values."""
    with desk.store.read() as session:
        empty = not MemberDirectory.load(session).names
    if empty:  # the first example (the fixture's store lives through all of them)
        add_alliance(desk)
    kind = data.draw(st.sampled_from(sorted(COLUMNS)))
    once = _reader(desk, kind)
    for row in data.draw(_rows(kind)):
        cells = once.read_cells(row)
        assert cells == _reader(desk, kind).read_cells(row), row
        for value in cells.values.values():
            if isinstance(value, list):
                value.append("changed by an earlier row")


def _every_field(desk: Desk, kind: str, *, other_units: bool) -> CellReader:
    """A reader of a file with a column for each field the kind imports; `other_units`: each money column's header
    names 元 rather than the field's own unit."""
    headers = []
    for column in columns(kind, importing=True):
        if column.spec is None:
            continue
        header = column.zh
        if other_units and column.spec.unit:
            header = header.replace(column.spec.unit, "元") if column.spec.unit in header else f"{header}（元）"
        headers.append(header)
    match = match_headers(kind, headers)
    assert len(match.mapping) == len(headers), match.unknown
    with desk.store.read() as session:
        directory = MemberDirectory.load(session)
    return CellReader(desk, kind, RawTable(headers, [], 1), match.mapping, directory)


_CELL_TEXTS = st.one_of(
    st.text(max_size=8),
    st.from_regex(r"\s?[0-9]{0,17}(\.[0-9]{0,17})?\s?", fullmatch=True),
    st.floats(allow_nan=True).map(repr),
    st.integers().map(str),
    st.sampled_from(["1e5", "+5", "-5", "１００", "٣", "100.", ".5", "1,000", "1.2亿", "850万", "0", "007", " ",
                     "\u3000", "\t示范\n", "'+省级配套", "9" * 15 + "." + "9" * 15, "9" * 16, "武汉", "恩施州",
                     "027-8765 4321", "2025.1", "是", "9" * 400]),
)  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.sampled_from(IMPORT_KINDS), st.booleans(), _CELL_TEXTS, st.booleans())
@example("member", False, "武汉", False)  # a city is a text stored in its canonical form, said so: 武汉市
@example("member", False, " 027-8765 4321 ", False)  # a phone, normalised
@example("project", True, "100", True)  # 100 元 in a column of 万元
@example("project", False, "9" * 400, True)  # past any float
@example("member", False, "武汉\u200b理工大学", False)  # an invisible character: the spacing rule takes it out
@example("contact", False, "王\u3000芳", False)  # a padding space between Chinese characters
@example("project", False, "0,5", False)  # a decimal comma: refused, never 5
def test_a_columns_shortcut_reads_a_text_as_the_reading_rules_do(
    desk: Desk, kind: str, other_units: bool, text: str, number_cell: bool
) -> None:
    """Plain text and plain amounts (new on nearly every row) are read without the reading rules, only where those
    would answer the same: for any text, in every column of every kind, with the header's unit or not."""
    reader = _every_field(desk, kind, other_units=other_units)
    for name, index in reader.index_of.items():
        spec = reader.specs[name]
        if spec.ref == "member":
            continue
        by_the_rules = reader.read_text(spec, text.strip(), number_cell, reader.units.get(index))
        assert reader._reader(name, index)(text, number_cell) == by_the_rules, (name, text)
