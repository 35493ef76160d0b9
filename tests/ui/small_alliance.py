"""A small alliance written through the services, for UI tests while (or where) the demo alliance is not at hand."""

from __future__ import annotations

from datetime import date

from alliance_app.services import Desk


def credit_code(first17: str) -> str:
    from alliance_app.models import credit_code_check_char

    return first17 + credit_code_check_char(first17)


def fill_small_alliance(desk: Desk) -> dict[str, str]:
    """Four members, their contacts, projects, offers, a request, a lab, an event; returns ids by nickname."""
    ids: dict[str, str] = {}

    def add(nick: str, kind: str, **values: object) -> str:
        changes = desk.create(kind, values)
        assert changes.record_id is not None
        ids[nick] = changes.record_id
        return changes.record_id

    xiaomi = add(
        "xiaomi",
        "member",
        name_zh="小米(武汉)",
        name_en="Xiaomi (Wuhan)",
        short_name="小米",
        alliance_role="lead",
        city="武汉市",
        domains=["smart_home", "intelligent_manufacturing"],
        credit_code=credit_code("91420100MA4KX8N35"),
        ai_high_tech=True,
        joined_on=date(2021, 6, 1),
    )
    whu = add(
        "whu",
        "member",
        name_zh="武汉大学",
        name_en="Wuhan University",
        member_kind="university",
        alliance_role="vice_chair",
        city="武汉市",
        domains=["smart_healthcare", "beidou"],
    )
    hust = add(
        "hust",
        "member",
        name_zh="华中科技大学",
        name_en="Huazhong University of Science and Technology",
        member_kind="university",
        city="武汉市",
        domains=["intelligent_manufacturing", "smart_city"],
    )
    add(
        "dfm",
        "member",
        name_zh="东风汽车集团",
        name_en="Dongfeng Motor",
        city="武汉市",
        domains=["connected_vehicles"],
        ai_high_tech=True,
    )
    add(
        "zhang",
        "contact",
        member_id=xiaomi,
        name="张伟",
        title="联络人",
        phone="027-87654321",
        email="zhang.wei@example.cn",
        is_primary=True,
    )
    add("li", "contact", member_id=whu, name="李娜", title="科研处处长", phone="13800138000")
    add("wang", "contact", member_id=hust, name="王强", title="联络人")
    add(
        "p_home",
        "project",
        lead_member_id=xiaomi,
        title="智能家居互联示范工程",
        title_en="Smart home demonstration",
        domain="smart_home",
        project_kind="demonstration",
        status="ongoing",
        investment=12000,
        start_date=date(2024, 1, 1),
        end_date=date(2026, 12, 31),
    )
    add(
        "p_factory",
        "project",
        lead_member_id=xiaomi,
        title="智能工厂视觉质检",
        domain="intelligent_manufacturing",
        project_kind="application_scenario",
        status="planned",
        investment=3500,
    )
    add(
        "p_health",
        "project",
        lead_member_id=whu,
        title="医学影像辅助诊断",
        domain="smart_healthcare",
        project_kind="research",
        status="ongoing",
        investment=800,
    )
    add(
        "p_city",
        "project",
        lead_member_id=hust,
        title="城市交通大脑",
        domain="smart_city",
        project_kind="demonstration",
        status="completed",
        investment=5000,
    )
    desk.create("project_partner", {"project_id": ids["p_home"], "member_id": hust, "role": "算法"})
    add(
        "o_gpu",
        "resource_offer",
        member_id=hust,
        resource_kind="compute",
        title="GPU 算力 5000 卡时",
        capacity=5000,
        capacity_unit="卡时",
        terms="at_cost",
    )
    add("o_data", "resource_offer", member_id=whu, resource_kind="dataset", title="医学影像数据集", terms="free")
    add(
        "r_gpu",
        "resource_request",
        offer_id=ids["o_gpu"],
        member_id=xiaomi,
        quantity=800,
        purpose="模型训练",
        requested_on=date(2025, 3, 1),
    )
    add(
        "lab",
        "lab_partnership",
        lead_member_id=whu,
        name="智能医疗联合实验室",
        lab_kind="joint_lab",
        domains=["smart_healthcare"],
        patents=3,
        papers=12,
    )
    add(
        "event",
        "event",
        organiser_member_id=xiaomi,
        title="2025 年会员大会",
        event_kind="general_assembly",
        starts_on=date(2025, 11, 20),
        city="武汉市",
        venue="光谷会展中心",
    )
    add("fig", "annual_figures", member_id=xiaomi, year=2025, ai_core_revenue=12.5, employees=3200, patents=150)
    return ids
