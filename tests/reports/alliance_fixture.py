"""A small alliance written through Desk (the secretariat's account), covering every rule the figures count by."""

from __future__ import annotations

from typing import Any

from alliance_app.services import Desk

MEMBERS: list[dict[str, Any]] = [
    # name_zh, name_en, kind, role, city, joined, status, changed, ai_high_tech
    dict(
        name_zh="小米(武汉)",
        name_en="Xiaomi (Wuhan)",
        member_kind="enterprise",
        alliance_role="lead",
        city="武汉市",
        joined_on="2021-03-01",
        ai_high_tech=True,
    ),
    dict(
        name_zh="武汉大学",
        name_en="Wuhan University",
        member_kind="university",
        alliance_role="vice_chair",
        city="武汉市",
        joined_on="2021-03-01",
    ),
    dict(
        name_zh="华中科技大学",
        name_en="Huazhong University of Science and Technology",
        member_kind="university",
        alliance_role="vice_chair",
        city="武汉市",
        joined_on="2021-03-01",
    ),
    dict(
        name_zh="湖北楚天智能科技有限公司",
        name_en="Hubei Chutian Intelligent Technology Co., Ltd.",
        member_kind="enterprise",
        city="宜昌市",
        joined_on="2025-06-10",
        ai_high_tech=True,
    ),
    dict(
        name_zh="襄阳智造研究院",
        name_en="Xiangyang Institute of Intelligent Manufacturing",
        member_kind="research_institute",
        city="襄阳市",
        joined_on="2026-04-02",
    ),
    dict(
        name_zh="荆州数据服务中心",
        name_en=None,
        member_kind="public_platform",
        city="荆州市",
        joined_on=None,
        ai_high_tech=True,
    ),
    # withdrew during 2026: on the 2026 roll, not a member at the end of 2026
    dict(
        name_zh="黄石云算科技有限公司",
        name_en="Huangshi Cloud Compute Ltd.",
        member_kind="enterprise",
        city="黄石市",
        joined_on="2022-01-01",
        status="withdrawn",
        status_changed_on="2026-08-01",
        ai_high_tech=True,
    ),
    # suspended in 2026: on the roll and a member at the end of 2026, but not counted as an AI high-tech enterprise
    # then (it was at the end of 2025, before its suspension)
    dict(
        name_zh="鄂州暂停科技有限公司",
        name_en="Ezhou Suspended Tech Ltd.",
        member_kind="enterprise",
        city="鄂州",
        joined_on="2022-06-01",
        status="suspended",
        status_changed_on="2026-05-01",
        ai_high_tech=True,
    ),
    # withdrew in 2024: not on the 2026 roll
    dict(
        name_zh="十堰旧成员公司",
        name_en="Shiyan Former Member Ltd.",
        member_kind="enterprise",
        city="十堰市",
        joined_on="2021-05-01",
        status="withdrawn",
        status_changed_on="2024-02-01",
    ),
    # applied, not yet a member
    dict(
        name_zh="孝感申请中公司",
        name_en="Xiaogan Applicant Ltd.",
        member_kind="enterprise",
        city="孝感市",
        status="applied",
    ),
    # joins in 2027: not on the 2026 roll
    dict(
        name_zh="恩施未来科技",
        name_en="Enshi Future Tech",
        member_kind="enterprise",
        city="恩施",
        joined_on="2027-01-15",
    ),
]


def build_alliance(desk: Desk) -> dict[str, str]:
    """Writes the fixture alliance; returns the member ids by Chinese name."""
    ids: dict[str, str] = {}
    for values in MEMBERS:
        ids[values["name_zh"]] = desk.create("member", {k: v for k, v in values.items() if v is not None}).record_id
    lead, whu, hust, chutian, xy = (
        ids[n] for n in ("小米(武汉)", "武汉大学", "华中科技大学", "湖北楚天智能科技有限公司", "襄阳智造研究院")
    )
    projects = [
        (lead, "智能工厂示范工程", "smart_home", "demonstration", "ongoing", "2025-03-01", None, 1200.5),
        (
            lead,
            "智能网联汽车测试场",
            "connected_vehicles",
            "demonstration",
            "completed",
            "2024-01-01",
            "2026-06-30",
            3000,
        ),
        (whu, "北斗高精度定位应用场景", "beidou", "application_scenario", "ongoing", "2026-02-01", None, 450.25),
        (
            hust,
            "工业大模型揭榜挂帅",
            "intelligent_manufacturing",
            "open_competition",
            "planned",
            "2026-09-01",
            None,
            None,
        ),
        (chutian, "智慧农业研发项目", "smart_agriculture", "research", "suspended", None, None, 80),
        (xy, "2027年智慧城市项目", "smart_city", "demonstration", "planned", "2027-03-01", None, 999),
        # planned although its start date has passed: on record, but not a demonstration project under way
        (chutian, "宜昌智慧康养示范工程", "smart_elderly_care", "demonstration", "planned", "2026-05-01", None, 300),
        # started in 2026 and then suspended: on record, neither under way nor new
        (whu, "智慧教育示范工程", "smart_education", "demonstration", "suspended", "2026-04-01", None, 150),
    ]
    project_ids = []
    for lead_id, title, domain, kind, status, start, end, investment in projects:
        values = dict(
            lead_member_id=lead_id,
            title=title,
            domain=domain,
            project_kind=kind,
            status=status,
            start_date=start,
            end_date=end,
            investment=investment,
        )
        project_ids.append(desk.create("project", {k: v for k, v in values.items() if v is not None}).record_id)
    desk.create("project_partner", {"project_id": project_ids[0], "member_id": whu})
    desk.create("project_partner", {"project_id": project_ids[0], "member_id": hust})
    desk.create("project_partner", {"project_id": project_ids[2], "member_id": lead})
    offers = [
        (lead, "compute", "GPU 算力 5000 卡时", "free", "open", "2026-01-01", "2026-12-31"),
        (whu, "dataset", "长江水文数据集", "at_cost", "matched", None, None),
        (hust, "equipment", "工业机器人测试平台", "negotiable", "closed", "2024-01-01", "2025-06-30"),
    ]
    offer_ids = []
    for member, kind, title, terms, status, start, until in offers:
        values = dict(
            member_id=member,
            resource_kind=kind,
            title=title,
            terms=terms,
            status=status,
            available_from=start,
            available_until=until,
        )
        offer_ids.append(desk.create("resource_offer", {k: v for k, v in values.items() if v is not None}).record_id)
    requests = [
        (offer_ids[0], chutian, "accepted", "2026-03-05"),
        (offer_ids[0], xy, "pending", "2026-10-01"),
        (offer_ids[1], lead, "accepted", "2025-11-11"),
        (offer_ids[1], chutian, "declined", "2026-05-20"),
        (offer_ids[1], hust, "pending", None),
    ]
    for offer, member, status, on in requests:
        values = dict(offer_id=offer, member_id=member, status=status, requested_on=on)
        desk.create("resource_request", {k: v for k, v in values.items() if v is not None})
    lab = desk.create(
        "lab_partnership",
        dict(
            lead_member_id=lead,
            name="智能家居联合实验室",
            lab_kind="joint_lab",
            established_on="2025-05-01",
            patents=12,
            papers=5,
            standards=2,
        ),
    ).record_id
    desk.create("lab_partner", {"lab_id": lab, "member_id": whu})
    desk.create(
        "lab_partnership",
        dict(
            lead_member_id=hust,
            name="智能制造重点实验室",
            lab_kind="key_lab",
            established_on="2026-07-01",
            patents=3,
            papers=9,
            standards=0,
        ),
    )
    desk.create(
        "lab_partnership",
        dict(
            lead_member_id=whu,
            name="2027 年筹建实验室",
            lab_kind="other",
            established_on="2027-02-01",
            patents=0,
            papers=0,
            standards=0,
        ),
    )
    # closed: still one of the labs set up, and its outputs stay in the cumulative totals
    desk.create(
        "lab_partnership",
        dict(
            lead_member_id=whu,
            name="遥感智能联合实验室",
            lab_kind="joint_lab",
            status="closed",
            established_on="2023-03-01",
            patents=4,
            papers=7,
            standards=1,
        ),
    )
    assembly = desk.create(
        "event",
        dict(
            organiser_member_id=lead,
            title="2026年联盟会员大会",
            event_kind="general_assembly",
            starts_on="2026-03-20",
            city="武汉市",
        ),
    ).record_id
    forum = desk.create(
        "event",
        dict(
            organiser_member_id=lead,
            title="人工智能供需对接会",
            event_kind="matchmaking",
            starts_on="2026-09-12",
            city="宜昌市",
        ),
    ).record_id
    desk.create(
        "event", dict(organiser_member_id=lead, title="2025年理事会", event_kind="council", starts_on="2025-12-01")
    )
    # Registrations; those with a time checked in. 李四 and the lead's 张三 at the forum registered and never came.
    for event, member, person, checked_in in [
        (assembly, lead, "张三", "2026-03-20T08:55:00"),
        (assembly, lead, "李四", None),
        (assembly, whu, "王五", "2026-03-20T09:02:00"),
        (assembly, chutian, "赵六", "2026-03-20T09:10:00"),
        (forum, xy, "钱七", "2026-09-12T13:30:00"),
        (forum, lead, "张三", None),
        (forum, hust, "孙八", None),
    ]:
        values = {"event_id": event, "member_id": member, "attendee_name": person, "checked_in_at": checked_in}
        desk.create("attendance", {k: v for k, v in values.items() if v is not None})
    figures = [
        (lead, 2026, 420.5, 85000, 320, 5200, 20, True),
        (whu, 2026, 15.25, 12000, 150, 3100, 5, True),
        (chutian, 2026, 3.5, 900, 12, 180, 2, False),
        (lead, 2025, 380.0, 80000, 290, 5000, 20, True),
        # filed for 2025 by a member that joined only in 2026: not in 2025's figures (like for like)
        (xy, 2025, 7.5, 600, 4, 90, 2, True),
    ]
    for member, year, revenue, rd, patents, employees, dues, paid in figures:
        desk.create(
            "annual_figures",
            dict(
                member_id=member,
                year=year,
                ai_core_revenue=revenue,
                rd_spend=rd,
                patents=patents,
                employees=employees,
                dues=dues,
                dues_paid=paid,
            ),
        )
    for section, (zh, en) in NARRATIVES_2026.items():
        desk.create("narrative", {"year": 2026, "section": section, "text_zh": zh, "text_en": en})
    return ids


# The secretariat's written sections of 2026: every section in Chinese, some in English (the others print as
# untranslated in the English edition); paragraphs, lists, a wrapped list item and dated chronicle lines.
NARRATIVES_2026: dict[str, tuple[str, str | None]] = {
    "foreword": (
        "各位成员单位：\n\n这一年，联盟在示范工程和资源共享上迈出了新步伐。\n感谢大家的支持。",
        "Dear members,\n\nThis year the alliance took new steps in demonstration projects and shared resources.\n"
        "Thank you for your support.",
    ),
    "work": ("本年重点工作：\n\n- 推进示范工程\n- 组织供需对接\n  覆盖宜昌、襄阳两地", None),
    "chronicle": (
        "- 2026-01-15 秘书处发布年度工作要点\n- 2026年9月12日 对接会签约三项\n- 筹备第二届理事会换届\n"
        "- 2025-12-30 上一年度的事不算本年日期",
        "- 2026-01-15 The secretariat published the year's priorities\n"
        "- 2026-09-12 Three agreements signed at the matchmaking session\n"
        "- Preparing the election of the second council\n"
        "- 2025-12-30 Last year's date is not this year's",
    ),
    "governance": ("会员大会审议通过了年度工作报告。", "The general assembly approved the annual report."),
    "finance": ("本年会费支出 12.5 万元。", None),
    "problems": ("- 数据填报不及时", None),
    "plan": ("明年将举办三场对接会。", "Next year the alliance will hold three matchmaking sessions."),
}
