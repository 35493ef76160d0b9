"""A list filters by the city of the member its records belong to."""

from __future__ import annotations

from pathlib import Path

from alliance_app.services import Desk, RecordQuery
from alliance_app.services.queries import OWNER_CITY


def test_records_filter_by_their_members_city_combined_with_other_filters(tmp_path: Path) -> None:
    with Desk.open(tmp_path) as desk:
        wuhan = desk.create("member", {"name_zh": "武汉甲", "city": "武汉市"}).record_id
        yichang = desk.create("member", {"name_zh": "宜昌乙", "city": "宜昌市"}).record_id
        for lead, status in ((wuhan, "ongoing"), (wuhan, "planned"), (yichang, "ongoing")):
            desk.create("project", {"lead_member_id": lead, "title": f"{lead}{status}", "domain": "smart_city",
                                    "status": status})  # fmt: skip
        query = RecordQuery(filters={OWNER_CITY: ["武汉市"], "status": ["ongoing"]}, limit=None)
        found = desk.rows("project", desk.ids("project", query))
        assert [(p["lead_member_id"], p["status"].value) for p in found] == [(wuhan, "ongoing")]
        assert desk.ids("member", RecordQuery(filters={OWNER_CITY: ["宜昌市"]})) == [yichang]
        assert desk.member_cities() == ["武汉市", "宜昌市"]  # wǔ before yí
