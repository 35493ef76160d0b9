"""The demo's narratives: what a secretariat writes into its annual report, for the demo's two years.

2025 is written in both languages; 2026 (the year under way on the demo's clock) has Chinese everywhere and
English only for some sections, so the English edition's "untranslated" mark has something to show. The texts
leave to the report what it computes (the dues owed and paid, the meetings held, the events): the council meetings
are event records of the demo, so the written and the computed parts never disagree.
"""

from __future__ import annotations

from typing import Any

from alliance_app.demo.alliance import record
from alliance_app.models import NarrativeSection, link_id

S = NarrativeSection


def _texts() -> dict[tuple[int, NarrativeSection], tuple[str, str | None]]:
    return {
        (2025, S.FOREWORD): (
            "2025年是联盟服务全省人工智能产业发展的关键一年。一年来，在省经济和信息化厅的指导下，各成员单位围绕"
            "“算力、数据、场景”三件大事协同攻关，联盟的组织力和影响力稳步提升。\n\n"
            "感谢每一家成员单位的信任与投入。新的一年，秘书处将继续做好服务，把联盟建成成员单位离不开的协作平台。",
            "2025 was a decisive year for the alliance's service to AI industry across Hubei. Guided by the "
            "Provincial Department of Economy and Information Technology, our members worked together on three "
            "priorities, computing power, data and application scenarios, and the alliance grew in reach and "
            "standing.\n\n"
            "We thank every member for its trust and its work. In the coming year the secretariat will keep "
            "serving you, so that the alliance becomes a platform no member wants to do without.",
        ),
        (2025, S.WORK): (
            "围绕省人工智能产业发展规划，联盟全年重点做了以下工作：\n\n"
            "- 组织成员单位申报省级人工智能示范工程，跟踪在建项目进展；\n"
            "- 发布算力、数据和测试场地等共享资源清单，推动成员单位间资源对接；\n"
            "- 支持牵头单位与高校、科研院所共建联合实验室；\n"
            "- 召开年度会员大会，审议秘书处工作报告。",
            "Following the provincial AI industry plan, the alliance concentrated on the following this year:\n\n"
            "- helping members apply for provincial AI demonstration projects, and following projects under way;\n"
            "- publishing lists of shared computing power, data and test sites, and matching members' requests "
            "to them;\n"
            "- supporting lead members in setting up joint labs with universities and research institutes;\n"
            "- holding the annual general assembly, which reviewed the secretariat's report.",
        ),
        (2025, S.CHRONICLE): (
            "- 2025-03-20 秘书处发布2025年度共享资源清单第一批\n"
            "- 2025-07-08 理事会审议通过12家单位的入盟申请\n"
            "- 2025-10-15 联盟组织成员单位参加中国光谷人工智能大会",
            "- 2025-03-20 The secretariat published the first list of shared resources for 2025\n"
            "- 2025-07-08 The council approved the applications of 12 organisations to join\n"
            "- 2025-10-15 Members attended the China Optics Valley AI Conference together",
        ),
        (2025, S.GOVERNANCE): (
            "联盟实行会员大会、理事会和秘书处三级治理。\n\n"
            "- 理事会第三次会议审议通过新成员单位入盟申请，修订《会费收取和使用办法》；\n"
            "- 会员大会审议通过秘书处年度工作报告和会费收支情况报告。",
            "The alliance is governed by its general assembly, its council and its secretariat.\n\n"
            "- The council's third meeting approved the applications of new members and revised the rules for "
            "collecting and using membership dues;\n"
            "- The general assembly approved the secretariat's annual report and its account of dues income "
            "and spending.",
        ),
        (2025, S.FINANCE): (
            "本年会费支出 196.4 万元：\n\n"
            "- 会员大会和供需对接活动 88.0 万元；\n"
            "- 共享资源清单编制和平台维护 61.5 万元；\n"
            "- 秘书处日常运行 46.9 万元。\n\n"
            "收支情况已向会员大会报告，结余结转下一年度。",
            "Dues spent this year: RMB 1.964 million, of which\n\n"
            "- RMB 880,000 on the general assembly and the matchmaking sessions;\n"
            "- RMB 615,000 on the lists of shared resources and their upkeep;\n"
            "- RMB 469,000 on the secretariat's running costs.\n\n"
            "The accounts were reported to the general assembly; the balance is carried into the next year.",
        ),
        (2025, S.PROBLEMS): (
            "- 部分成员单位年度数据填报不及时，影响统计的完整性；\n"
            "- 共享资源的对接率仍然偏低，供需信息有待细化；\n"
            "- 市州成员单位参与联盟活动的机会较少。",
            "- Some members filed their annual figures late, which leaves gaps in the statistics;\n"
            "- Too few resource requests lead to an agreement, and offers and needs are described too roughly;\n"
            "- Members outside Wuhan have had few chances to take part in the alliance's activities.",
        ),
        (2025, S.PLAN): (
            "2026年，联盟将重点推进示范工程建设，扩大共享资源规模，并在襄阳、宜昌等地举办对接活动。",
            "In 2026 the alliance will push ahead with the demonstration projects, widen the shared resources, "
            "and hold matchmaking sessions in Xiangyang, Yichang and other cities.",
        ),
        (2026, S.FOREWORD): (
            "2026年，联盟成员单位在示范工程、共享资源和联合实验室建设上持续发力。本报告截至编制之日，"
            "部分数据仍在填报中，年末将发布正式版本。\n\n"
            "感谢各成员单位对秘书处工作的支持。",
            "In 2026 our members kept up their work on demonstration projects, shared resources and joint labs. "
            "This report is made before the year's end and some figures are still being filed; the final "
            "edition follows after the year closes.\n\n"
            "We thank every member for supporting the secretariat's work.",
        ),
        (2026, S.WORK): (
            "本年度联盟围绕供需对接开展工作：\n\n"
            "- 6月举办2026年湖北人工智能供需对接会，发布共享资源清单；\n"
            "- 跟踪示范工程进展，协调成员单位间的项目合作；\n"
            "- 推动联合实验室发布专利、论文和标准成果。",
            None,
        ),
        (2026, S.CHRONICLE): (
            "- 2026-04-22 理事会决定在襄阳设立联盟工作站\n- 2026-09-10 秘书处发布2026年度共享资源清单第二批",
            "- 2026-04-22 The council decided to open an alliance office in Xiangyang\n"
            "- 2026-09-10 The secretariat published the second list of shared resources for 2026",
        ),
        (2026, S.GOVERNANCE): (
            "理事会第四次会议审议了新成员单位的入盟申请，决定在襄阳设立联盟工作站。",
            None,
        ),
        (2026, S.FINANCE): (
            "截至编制之日，本年会费支出 121.3 万元，主要用于供需对接会和共享资源清单的编制；未缴会费正在催缴。",
            "At the time of writing, RMB 1.213 million of dues has been spent this year, mostly on the matchmaking "
            "session and the lists of shared resources; unpaid dues are being collected.",
        ),
        (2026, S.PROBLEMS): ("- 部分示范工程进度滞后于计划；\n- 成员单位之间的数据共享规则尚不完善。", None),
        (2026, S.PLAN): ("2027年，联盟将完成示范工程的中期评估，并筹备第二届理事会换届。", None),
    }


def narratives() -> list[dict[str, Any]]:
    """One narrative record per demo year and section; the alliance's own words, owned by no member."""
    rows = []
    for (year, section), (zh, en) in _texts().items():
        values = {"year": year, "section": section, "text_zh": zh, "text_en": en}
        rows.append(record("narrative", link_id("narrative", values) or "", None, values))
    return rows
