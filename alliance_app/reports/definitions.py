"""Every figure the report and the dashboard print: its name, its label and the sentence defining it, in Chinese
and English. The tally counts by these rules, the report's glossary (数据说明) prints these sentences, and the
tests' SQL mirrors restate them; change a rule here and in tally.py together.

Dates: a year's figures count from 1 January to the as-of date (统计截止日): 31 December for a year that is
over, today (Beijing time) for the current year, whose figures are provisional.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    zh: str
    en: str
    define_zh: str
    define_en: str

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def definition(self, lang: str) -> str:
        return self.define_zh if lang == "zh" else self.define_en


# Rules every figure shares, printed before the glossary.
GENERAL: tuple[tuple[str, str], ...] = (
    (
        "统计对象为本机数据文件中未删除的记录。统计期自当年 1 月 1 日起，至统计截止日止：已结束的年度为 12 月 31 日，"
        "当年为编制报告当日（北京时间），当年数字为临时数，年内仍会变化。",
        "Every figure counts the records of this desktop's store that are not deleted. A year's figures run from "
        "1 January to the as-of date: 31 December for a year that is over, the day the report is made (Beijing "
        "time) for the current year, whose figures are provisional and will still change.",
    ),
    (
        "同比：每一年的数字都按该年自己的统计期和该年的成员名单计算（上年数字用上年的成员单位，不含本年才入盟的单位），"
        "口径一致才作比较。当年报告与上年全年相比时，本年为截至统计日的数字，变化不代表全年增减。",
        "Year on year: each year's figures use that year's period and that year's roll (last year's column counts "
        "last year's members, not those who joined only this year), so the comparison is like for like. In a "
        "report of the current year, this year's figures run only to the as-of date, so a change is not a "
        "full-year change.",
    ),
    (
        "状态：记录只保存当前状态。成员单位的状态变更日期晚于截止日的，按截止日时“正常”计；项目结束日期晚于截止日的"
        "“已完成”项目按“进行中”计；其余按当前状态计。",
        "Statuses: the records keep only their current status. A member whose status changed after the as-of date "
        "counts as active then; a completed project whose end date is after the as-of date counts as ongoing; "
        "any other status is the current one.",
    ),
    (
        "未填报：某年没有任何成员单位填报年度数据的，相关数字显示为“未填报”，不显示为 0，也不计算增长。",
        'Not reported: where no member reported annual figures for a year, those figures read "not reported", '
        "never 0, and no growth is computed from them.",
    ),
)

FIGURES: tuple[Figure, ...] = (
    Figure(
        "members",
        "成员单位",
        "Members",
        "截止日在册的成员单位：状态不是“申请中”，入盟日期不晚于截止日（或未填），且截止日前未退出（退出以状态变更日期为准）。",
        'Members on the roll at the as-of date: not in "applied" status, joined by that date (or with no join '
        "date) and not withdrawn by it (dated by the status change).",
    ),
    Figure(
        "roll",
        "年内在册成员单位",
        "Members on the year's roll",
        "统计期内任一时间在册的成员单位（含年内退出者），即成员单位名录所列单位。",
        "Members on the roll at any time in the period, including those who withdrew during it: the member directory.",
    ),
    Figure(
        "joined",
        "本年新入盟",
        "Joined this year",
        "入盟日期在统计期内的在册成员单位。",
        "Members on the roll whose join date falls in the period.",
    ),
    Figure(
        "withdrawn",
        "本年退出",
        "Withdrew this year",
        "状态为“已退出”且状态变更日期在统计期内的成员单位。",
        'Members in "withdrawn" status whose status changed in the period.',
    ),
    Figure(
        "ai_high_tech",
        "人工智能高新技术企业",
        "AI high-tech enterprises",
        "截止日在册、标记为“人工智能高新技术企业”且截止日时不处于“暂停”状态的成员单位（暂停的单位不计）。",
        "Members on the roll at the as-of date flagged as AI high-tech enterprises and not suspended at that "
        "date (suspended members are left out).",
    ),
    Figure(
        "composition",
        "成员构成",
        "Membership",
        "截止日在册成员单位按类型、联盟职务、状态和城市的分布；每个填写的城市都单独列出，未填城市的单位另列一行。",
        "Members on the roll at the as-of date by kind, alliance role, status and city; every city given is "
        "listed by name, members with no city on a line of their own.",
    ),
    Figure(
        "projects",
        "登记项目",
        "Projects on record",
        "开始日期不晚于截止日（或未填开始日期）的项目，含计划中、进行中、已完成和已暂停；开始日期在截止日之后的项目不计"
        "（本机项目总数另见数据来源）。",
        "Projects whose start date is on or before the as-of date (or not given), whatever their status; projects "
        "starting later are not counted (the store's total is given under Source).",
    ),
    Figure(
        "demonstration",
        "已启动示范工程",
        "Demonstration projects under way",
        "类型为“示范工程”、截止日时状态为“进行中”或“已完成”、且开始日期不晚于截止日（或未填）的项目。计划中的不计；"
        "已暂停的不计（本机不记录暂停日期，过去年度也按当前状态不计）。",
        'Projects of kind "demonstration project" that are ongoing or completed at the as-of date and started by '
        "then (or have no start date). Planned projects do not count; suspended ones do not count either (the "
        "records keep no suspension date, so past years leave them out too).",
    ),
    Figure(
        "projects_new",
        "本年新启动项目",
        "Projects started this year",
        "开始日期在统计期内、且截止日时状态为“进行中”或“已完成”的项目（计划中、已暂停的不计）。",
        "Projects whose start date falls in the period and that are ongoing or completed at the as-of date "
        "(planned and suspended ones do not count).",
    ),
    Figure(
        "projects_completed",
        "本年完成项目",
        "Projects completed this year",
        "状态为“已完成”且结束日期在统计期内的登记项目。",
        "Projects on record that are completed with an end date in the period.",
    ),
    Figure(
        "investment",
        "登记项目投资",
        "Investment in projects on record",
        "登记项目填报的投资额之和（未填投资额的项目不计入金额），按项目牵头单位填报的数字。",
        "Sum of the investment entered for the projects on record (projects with none add nothing), as their "
        "lead members entered it.",
    ),
    Figure(
        "investment_new",
        "本年新启动项目投资",
        "Investment in projects started this year",
        "本年新启动项目填报的投资额之和。",
        "Sum of the investment entered for the projects started this year.",
    ),
    Figure(
        "with_partners",
        "有合作单位的项目",
        "Projects with partners",
        "至少有一家合作成员单位（未删除的合作关系）的登记项目。",
        "Projects on record with at least one partner member (a live partner link).",
    ),
    Figure(
        "partner_links",
        "项目合作关系",
        "Project partner links",
        "登记项目的合作成员单位关系数（一个项目的每家合作单位计一次）。",
        "Partner links of the projects on record (each partner of each project once).",
    ),
    Figure(
        "offers",
        "可用共享资源",
        "Resources available",
        "可用期与统计期有交集的资源（未填起止日期视为不限），状态按当前状态。",
        "Resource offers whose availability overlaps the period (open ends count), in their current status.",
    ),
    Figure(
        "offers_open",
        "开放中的共享资源",
        "Open resource offers",
        "可用共享资源中当前状态为“开放”的。",
        "Those of the resources available whose current status is open.",
    ),
    Figure(
        "requests",
        "资源申请",
        "Resource requests",
        "申请日期在统计期内的资源申请（未填申请日期的不计入任何年度）。",
        "Resource requests whose request date falls in the period (undated requests count in no year).",
    ),
    Figure(
        "matches",
        "促成对接",
        "Matches made",
        "统计期内的资源申请中状态为“已接受”的申请。",
        "Requests of the period whose status is accepted.",
    ),
    Figure(
        "match_rate",
        "对接率",
        "Match rate",
        "促成对接数 ÷ 资源申请数（均为统计期内按申请日期计），无申请时不计算。",
        "Matches made ÷ resource requests (both of the period, by request date); none when there were no requests.",
    ),
    Figure(
        "requesting_members",
        "提出申请的单位",
        "Members making requests",
        "统计期内提出过资源申请的不同成员单位数。",
        "Distinct members that made a resource request in the period.",
    ),
    Figure(
        "labs",
        "合作实验室（全部状态）",
        "Lab partnerships (all statuses)",
        "成立日期不晚于截止日（或未填）的实验室合作，含筹建中、运行中和已结束，另按状态分列。",
        "Lab partnerships established by the as-of date (or undated), planned, active and closed alike, also "
        "given by status.",
    ),
    Figure(
        "labs_active",
        "运行中实验室",
        "Active lab partnerships",
        "上述实验室合作中当前状态为“运行中”的。",
        "Those of the lab partnerships above whose current status is active.",
    ),
    Figure(
        "labs_new",
        "本年新建实验室",
        "Labs established this year",
        "成立日期在统计期内的实验室合作。",
        "Lab partnerships established in the period.",
    ),
    Figure(
        "lab_partner_links",
        "实验室合作单位关系",
        "Lab partner links",
        "上述实验室合作的合作成员单位关系数。",
        "Partner links of the lab partnerships above.",
    ),
    Figure(
        "lab_outputs",
        "实验室累计成果",
        "Labs' cumulative outputs",
        "上述实验室合作（含已结束的）记录的专利、论文、标准数之和；为各实验室自成立以来的累计数，不是本年新增数。",
        "Patents, papers and standards recorded on the lab partnerships above, closed ones included: each lab's "
        "total since it began, not this year's new outputs.",
    ),
    Figure("events", "联盟活动", "Events", "开始日期在统计期内的活动。", "Events starting in the period."),
    Figure(
        "check_ins",
        "参会人次",
        "Check-ins",
        "上述活动中已签到（有签到时间）的参会记录数；只报名未签到的不计。",
        "Attendance records with a check-in time at those events; people who registered but never checked in "
        "do not count.",
    ),
    Figure(
        "registrations",
        "报名人次",
        "Registrations",
        "上述活动的全部参会记录数，含未签到的报名。",
        "All attendance records of those events, registrations without a check-in included.",
    ),
    Figure(
        "attending_members",
        "参会单位",
        "Attending members",
        "在上述活动中有人签到的不同成员单位数。",
        "Distinct members with at least one check-in at those events.",
    ),
    Figure(
        "reporting_members",
        "填报年度数据的成员单位",
        "Members that reported figures",
        "该年截止日在册的成员单位中填报了该年度数据的单位数；年度数据各项均只合计这些单位。",
        "Members on that year's roll at its as-of date that reported figures for the year; the annual figures "
        "add up these members only.",
    ),
    Figure(
        "ai_core_revenue",
        "人工智能核心产业收入",
        "AI core revenue",
        "填报单位该年度人工智能核心产业收入之和。",
        "Sum of the AI core revenue the reporting members gave for the year.",
    ),
    Figure(
        "rd_spend",
        "研发投入",
        "R&D spend",
        "填报单位该年度研发投入之和。",
        "Sum of the R&D spend the reporting members gave for the year.",
    ),
    Figure(
        "member_patents",
        "成员单位专利数",
        "Members' patents",
        "填报单位该年度专利数之和。",
        "Sum of the patents the reporting members gave for the year.",
    ),
    Figure(
        "employees",
        "从业人员",
        "Employees",
        "填报单位该年度从业人员数之和。",
        "Sum of the employees the reporting members gave for the year.",
    ),
    Figure(
        "dues",
        "会费",
        "Membership dues",
        "填报单位该年度应缴会费之和；已缴、未缴按年度数据中的“已缴”标记计。",
        "Sum of the dues the reporting members owe for the year; paid and unpaid by the annual record's paid flag.",
    ),
)

BY_NAME: dict[str, Figure] = {f.name: f for f in FIGURES}


def figure(name: str) -> Figure:
    return BY_NAME[name]
