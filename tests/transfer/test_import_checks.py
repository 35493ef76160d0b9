"""Checking a file before anything is written: every mistake found, each with its row, column, value and message."""

from __future__ import annotations

from pathlib import Path

from alliance_app.services import Desk
from alliance_app.services.transfer import TransferError, apply_plan, plan_file
from tests.transfer.conftest import credit_code
from tests.transfer.sheets import write_csv, write_xlsx

MEMBER_HEADER = [
    "中文名称", "英文名称", "简称", "单位类型", "联盟职务", "统一社会信用代码", "城市", "区县", "入盟日期", "状态",
    "状态变更日期", "状态变更原因", "重点领域", "人工智能高新技术企业", "网站", "编号", "网站",
]  # fmt: skip


def _member_row(n: int, **cells: str) -> list[str]:
    row = dict.fromkeys(MEMBER_HEADER[:-1], "")
    row.update({"中文名称": f"测试单位{n}", "统一社会信用代码": credit_code(100 + n)})
    row.update(cells)
    return [*row.values(), ""]


def _stored(desk: Desk) -> tuple[int, int]:
    status = desk.status()
    return sum(status.counts.values()), status.pending


def test_a_file_with_thirty_kinds_of_mistakes_gets_thirty_precise_messages_and_writes_nothing(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    whu, beidou = alliance["武大"], alliance["北斗研究院"]
    cc = credit_code(200)
    mistakes: list[tuple[dict[str, str], str | None, str]] = [
        ({"中文名称": ""}, "name_zh", "required"),
        ({"中文名称": "长" * 121}, "name_zh", "too_long"),
        ({"英文名称": "x" * 201}, "name_en", "too_long"),
        ({"简称": "简" * 41}, "short_name", "too_long"),
        ({"单位类型": "合资企业"}, "member_kind", "type"),
        ({"联盟职务": "会长"}, "alliance_role", "type"),
        ({"统一社会信用代码": "91420100MA4K0000"}, "credit_code", "credit_code"),  # 16 characters
        ({"统一社会信用代码": "91420100MA4K0000IX"}, "credit_code", "credit_code"),  # I is not allowed
        ({"统一社会信用代码": "B" + cc[1:]}, "credit_code", "credit_code"),  # no such registering authority
        ({"统一社会信用代码": "91AB0100" + cc[8:]}, "credit_code", "credit_code"),  # division is not digits
        ({"统一社会信用代码": cc[:17] + ("0" if cc[17] != "0" else "1")}, "credit_code", "credit_code"),
        ({"城市": "城" * 41}, "city", "too_long"),
        ({"区县": "区" * 41}, "district", "too_long"),
        ({"入盟日期": "下个月"}, "joined_on", "type"),
        ({"入盟日期": "2024-02-30"}, "joined_on", "type"),
        ({"状态": "休眠"}, "status", "type"),
        ({"状态变更日期": "2024/13/01"}, "status_changed_on", "type"),
        ({"状态变更原因": "因" * 201}, "status_reason", "too_long"),
        ({"重点领域": "智能制造；元宇宙"}, "domains", "type"),
        ({"人工智能高新技术企业": "也许"}, "ai_high_tech", "type"),
        ({"网站": "www.example.cn"}, "website", "url"),
        ({"网站": "https://" + "w" * 200 + ".cn"}, "website", "too_long"),
        ({"统一社会信用代码": credit_code(500)}, "credit_code", "duplicate_in_file"),  # as the first valid row
        ({"中文名称": "新成员乙"}, "name_zh", "duplicate_in_file"),  # as the second valid row
        # the id is Wuhan University, the credit code Xiaomi's
        ({"编号": whu, "中文名称": "武汉大学", "统一社会信用代码": credit_code(1)}, "credit_code", "duplicate"),
        # Xiaomi's name with another credit code
        ({"中文名称": "小米(武汉)科技有限公司", "统一社会信用代码": credit_code(300)}, "name_zh", "duplicate"),
        ({"编号": "abc"}, "id", "bad_id"),
        ({"编号": "01900000-0000-7000-8000-000000000000"}, "id", "unknown_id"),
        # active → applied is no step of the membership life cycle
        ({"编号": beidou, "中文名称": "湖北省北斗卫星导航应用技术研究院", "统一社会信用代码": credit_code(3),
          "状态": "申请中"}, "status", "status_move"),
    ]  # fmt: skip
    rows = [
        MEMBER_HEADER,
        _member_row(1, 中文名称="新成员甲", 统一社会信用代码=credit_code(500)),
        _member_row(2, 中文名称="新成员乙"),
    ]
    rows += [_member_row(10 + i, **cells) for i, (cells, _f, _c) in enumerate(mistakes)]
    path = write_xlsx(tmp_path / "members.xlsx", rows)
    before = _stored(desk)

    _table, plan = plan_file(desk, "member", path)

    assert len(plan.problems) == 30
    assert plan.problems[0].code == "duplicate_column" and plan.problems[0].row is None  # 网站 twice
    found = [(p.row, p.field, p.code) for p in plan.problems[1:]]
    assert found == [(4 + i, field, code) for i, (_cells, field, code) in enumerate(mistakes)]
    assert plan.count("create") == 2
    lines = {p.row: p.line("zh") for p in plan.problems}
    assert lines[4] == '行 4 · 中文名称 · "" · 请填写中文名称'
    assert lines[19] == '行 19 · 状态 · "休眠" · 状态：“休眠”不是可选值之一（可选：申请中、正常、暂停、已退出）'
    assert lines[26].startswith('行 26 · 统一社会信用代码 · "') and "与第 2 行重复（统一社会信用代码相同）" in lines[26]
    assert "已被成员单位“小米(武汉)科技有限公司”使用" in lines[28]  # the write plan's words, as on a form
    en = {p.row: p.line("en") for p in plan.problems}
    assert en[18] == (
        'row 18 · Joined on · "2024-02-30" · Joined on: “2024-02-30” is not a date (like 2026-03-31, or a year and '
        "month like 2026-03)"
    )
    assert "Membership cannot go from Active to Applied" in en[32]
    try:
        apply_plan(desk, plan)
        raise AssertionError("a file with mistakes must not be imported")
    except TransferError as error:
        assert "未导入任何数据" in error.zh
    assert _stored(desk) == before


def test_unknown_and_ambiguous_members_are_named_in_the_message(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    desk.create("member", {"name_zh": "武汉光谷实验室", "short_name": "光谷", "credit_code": credit_code(7)})
    desk.create("member", {"name_zh": "光谷科技有限公司", "short_name": "光谷", "credit_code": credit_code(8)})
    rows = [
        ["牵头单位", "项目名称", "重点领域", "合作单位"],
        ["华为武汉", "甲", "智能制造", ""],
        ["光谷", "乙", "智能制造", ""],
        ["武大", "丙", "智能制造", "小米武汉；不存在的单位"],
        [credit_code(2), "丁", "智能制造", "Xiaomi (Wuhan) Technology Co., Ltd., Hubei BeiDou Research Institute"],
    ]
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))
    lines = [p.line("zh") for p in plan.problems]
    assert lines == [
        '行 2 · 牵头单位 · "华为武汉" · 找不到成员单位“华为武汉”（可填写全称、简称、英文名称或统一社会信用代码）',
        '行 3 · 牵头单位 · "光谷" · “光谷”可指多家成员单位（光谷科技有限公司、武汉光谷实验室），请填写全称',
        '行 4 · 合作单位 · "小米武汉；不存在的单位" · '
        "找不到成员单位“不存在的单位”（可填写全称、简称、英文名称或统一社会信用代码）",
    ]
    assert plan.rows[3].action == "create"  # by credit code; English names separated by a comma
    assert sorted(plan.rows[3].partners) == sorted([alliance["小米武汉"], alliance["北斗研究院"]])


def test_a_file_repeating_a_stored_record_by_name_updates_it_instead_of_adding_a_second(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    rows = [
        ["牵头单位", "项目名称", "重点领域", "状态"],
        ["小米(武汉)科技有限公司", "智能工厂示范工程", "智能制造", "已完成"],
    ]
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))
    assert plan.ok
    assert [(r.action, sorted(r.values)) for r in plan.rows] == [("update", ["status"])]


def test_excel_habits_parse_dates_as_serials_numbers_as_text_and_full_width_digits(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    rows = [
        ["牵头单位", "项目名称", "重点领域", "开始日期", "结束日期", "投资额（万元）"],
        ["武大", "甲", "智能制造", 45352, "20250301", "1,250.5万元"],
        ["武大", "乙", "智能制造", "2024年3月1日", "２０２５-０３-０１", "１２"],
    ]
    path = write_xlsx(tmp_path / "p.xlsx", rows, number_formats={"F2": "@"})
    _table, plan = plan_file(desk, "project", path)
    assert plan.ok, [p.line("en") for p in plan.problems]
    first, second = (r.values for r in plan.rows)
    assert str(first["start_date"]) == "2024-03-01" and str(first["end_date"]) == "2025-03-01"
    assert first["investment"] == 1250.5 and second["investment"] == 12
    assert str(second["start_date"]) == "2024-03-01" and str(second["end_date"]) == "2025-03-01"


def test_a_liaison_may_import_only_its_own_members_records(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    from alliance_app.models import Actor, Role

    liaison = Desk(desk.store, Actor("liaison", Role.LIAISON, alliance["武大"]))
    rows = [
        ["项目名称", "重点领域", "牵头单位"],
        ["武大的新项目", "智慧教育", ""],
        ["别家的项目", "智慧教育", "小米武汉"],
    ]
    _table, plan = plan_file(liaison, "project", write_csv(tmp_path / "p.csv", rows))
    assert [(p.row, p.code) for p in plan.problems] == [(2, "required"), (3, "not_owner")]
    rows = [["项目名称", "重点领域"], ["武大的新项目", "智慧教育"]]  # no lead column: the liaison's own member
    _table, plan = plan_file(liaison, "project", write_csv(tmp_path / "q.csv", rows))
    assert plan.ok and plan.rows[0].values["lead_member_id"] == alliance["武大"]


def test_missing_required_column_is_one_message_not_one_per_row(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    rows = [["项目名称", "状态"], ["甲", "进行中"], ["乙", "进行中"]]
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))
    assert [p.code for p in plan.problems] == ["missing_column"]
    assert "牵头单位" in plan.problems[0].zh and "重点领域" in plan.problems[0].zh
    assert plan.invalid_rows == [2, 3]


def test_a_sheet_for_another_kind_is_told_apart(desk: Desk, tmp_path: Path) -> None:
    rows = [["品名", "单价"], ["苹果", "3"]]
    _table, plan = plan_file(desk, "contact", write_csv(tmp_path / "x.csv", rows))
    assert plan.blocking and [p.code for p in plan.problems] == ["no_columns"]
    assert "品名" in plan.problems[0].zh
