"""Lists sorted by member names follow pinyin, as WPS and Excel do, not code points."""

from __future__ import annotations

from pathlib import Path

from alliance_app.services import Desk, RecordQuery

NAMES = ["三峡智能", "东湖数据", "光谷信息", "十堰汽车", "武汉大学", "华中科技大学", "长江存储"]
PINYIN_ORDER = ["长江存储", "东湖数据", "光谷信息", "华中科技大学", "三峡智能", "十堰汽车", "武汉大学"]  # 长江: cháng


def test_members_and_the_records_they_lead_sort_by_pinyin(tmp_path: Path) -> None:
    with Desk.open(tmp_path) as desk:
        ids = {name: desk.create("member", {"name_zh": name}).record_id for name in NAMES}
        for name in NAMES:
            desk.create("project", {"lead_member_id": ids[name], "title": f"{name}项目", "domain": "smart_city"})
        by_id = {v: k for k, v in ids.items()}
        members = desk.ids("member", RecordQuery(sort="name_zh"))
        assert [by_id[i] for i in members] == PINYIN_ORDER
        assert sorted(NAMES) != PINYIN_ORDER  # code-point order would differ: the test can fail
        projects = desk.rows("project", desk.id_page("project", RecordQuery(sort="lead_member_id", limit=3)))
        assert [by_id[p["lead_member_id"]] for p in projects] == PINYIN_ORDER[:3]
        last = desk.id_page("project", RecordQuery(sort="lead_member_id", descending=True, limit=1))
        assert by_id[desk.get("project", last[0])["lead_member_id"]] == "武汉大学"


def test_member_names_come_in_pinyin_order_for_every_picker_and_follow_a_rename(tmp_path: Path) -> None:
    """The pickers take this order as it comes (sorting them in the window loaded pypinyin at start-up)."""
    with Desk.open(tmp_path) as desk:
        ids = {name: desk.create("member", {"name_zh": name}).record_id for name in NAMES}
        assert [zh for zh, _en, _short in desk.member_names().values()] == PINYIN_ORDER
        desk.update("member", ids["武汉大学"], {"name_zh": "爱武汉大学"})  # ài: now first
        assert [zh for zh, _en, _short in desk.member_names().values()][:2] == ["爱武汉大学", "长江存储"]
