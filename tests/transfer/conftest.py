"""Fixtures for the spreadsheet tests: a small alliance made through the Desk (the store comes from tests/conftest)."""

from __future__ import annotations

import pytest

from alliance_app.services import Desk
from tests.conftest import credit_code


def add_alliance(desk: Desk) -> dict[str, str]:
    """Three members, contacts, projects with partners, an offer and a lab; returns ids by short name."""
    ids = {}
    for n, (name, en, short) in enumerate(
        [
            ("小米(武汉)科技有限公司", "Xiaomi (Wuhan) Technology Co., Ltd.", "小米武汉"),
            ("武汉大学", "Wuhan University", "武大"),
            ("湖北省北斗卫星导航应用技术研究院", "Hubei BeiDou Research Institute", "北斗研究院"),
        ],
        start=1,
    ):
        ids[short] = desk.create(
            "member",
            {
                "name_zh": name,
                "name_en": en,
                "short_name": short,
                "credit_code": credit_code(n),
                "city": "武汉市",
                "joined_on": "2023-05-20",
                "domains": "智能制造；智慧城市",
                "ai_high_tech": "是" if n == 1 else "否",
                "website": f"https://example{n}.cn",
            },
        ).record_id
    desk.create(
        "contact", {"member_id": ids["小米武汉"], "name": "张伟", "phone": "02787654321", "email": "zw@xiaomi.cn"}
    )
    desk.create("contact", {"member_id": ids["武大"], "name": "李娜", "phone": "13800138000", "is_primary": "是"})
    project = desk.create(
        "project",
        {
            "lead_member_id": ids["小米武汉"],
            "title": "智能工厂示范工程",
            "domain": "智能制造",
            "project_kind": "示范工程",
            "status": "进行中",
            "start_date": "2024-03-01",
            "end_date": "2026-12-31",
            "investment": "1250.5",
            "description": "第一行\n第二行",
        },
    ).record_id
    desk.create("project_partner", {"project_id": project, "member_id": ids["武大"]})
    desk.create("project", {"lead_member_id": ids["武大"], "title": "城市大脑", "domain": "智慧城市"})
    desk.create(
        "resource_offer",
        {"member_id": ids["北斗研究院"], "resource_kind": "算力", "title": "GPU 算力", "capacity": "5000",
         "capacity_unit": "GPU 小时", "terms": "成本价"},
    )  # fmt: skip
    lab = desk.create(
        "lab_partnership",
        {"lead_member_id": ids["武大"], "name": "智能感知联合实验室", "established_on": "2022-09-01", "patents": "3"},
    ).record_id
    desk.create("lab_partner", {"lab_id": lab, "member_id": ids["小米武汉"]})
    return ids


@pytest.fixture
def alliance(desk: Desk) -> dict[str, str]:
    return add_alliance(desk)
