"""The report's words in Chinese and English, and how its numbers and dates are written in each edition."""

from __future__ import annotations

import re
from datetime import date

ALLIANCE_ZH = "湖北省人工智能产业创新联盟"
ALLIANCE_EN = "Hubei AI Industry Innovation Alliance"
LEAD_ZH = "小米(武汉)"
LEAD_EN = "Xiaomi (Wuhan)"

WORDS: dict[str, tuple[str, str]] = {
    "report_title": ("{year}年度联盟发展报告", "Annual Alliance Report {year}"),
    "cover_kicker": ("年度报告", "ANNUAL REPORT"),
    "cover_lead": ("理事长单位", "Lead member"),
    "cover_compiled": ("编制", "Compiled by"),
    "cover_secretariat": ("联盟秘书处", "The Alliance Secretariat"),
    "cover_date": ("发布日期", "Date"),
    "cover_demo": ("演示数据 · 非正式发布", "DEMO DATA · NOT FOR RELEASE"),
    "header": ("{alliance} · {year}年度报告", "{alliance} · Annual Report {year}"),
    "footer": ("第 {page} 页 / 共 {total} 页", "Page {page} / {total}"),
    "contents": ("目录", "Contents"),
    # section headings
    "s_overview": ("年度概览", "Overview"),
    "s_targets": ("五年目标进展", "Progress against the 5-year targets"),
    "s_projects": ("重点领域项目", "Projects by domain"),
    "s_resources": ("资源共享与供需对接", "Resource sharing and matchmaking"),
    "s_labs": ("实验室合作", "Lab partnerships"),
    "s_events": ("活动与参会", "Events and attendance"),
    "s_outputs": ("成果产出", "Outputs"),
    "s_directory": ("成员单位名录", "Member directory"),
    "s_notes": ("数据说明", "Data notes"),
    # sub-headings
    "h_kpis": ("主要指标", "Key figures"),
    "h_yoy": ("同比变化", "Year-on-year change"),
    "h_domain_chart": ("各重点领域项目数（按状态）", "Projects per domain, by status"),
    "h_domain_table": ("重点领域 × 项目状态", "Domain × project status"),
    "h_kind": ("项目类型", "Project kinds"),
    "h_major": ("投资额前十的项目", "The ten largest projects by investment"),
    "h_offers": ("资源供给", "Offers by kind and status"),
    "h_requests": ("资源申请与对接", "Requests and matches"),
    "h_lab_kinds": ("合作类型与状态", "Kinds and status"),
    "h_lab_list": ("实验室一览", "The labs"),
    "h_event_list": ("本年度活动", "Events of the year"),
    "h_lab_outputs": ("实验室成果", "Lab outputs"),
    "h_member_figures": ("成员单位年度数据", "Members' annual figures"),
    "h_dues": ("会费缴纳", "Membership dues"),
    "h_composition": ("成员构成", "Membership"),
    "h_roll": ("名录", "The roll"),
    "h_sources": ("数据来源与时点", "Source and as-of time"),
    "h_definitions": ("统计口径", "Definitions"),
    "h_target_measures": ("目标与统计指标的对应", "Which figure measures which target"),
    "h_missing": ("字体缺字", "Characters the font lacks"),
    # KPI labels
    "k_members": ("年末成员单位", "Members at year end"),
    "k_ai_high_tech": ("人工智能高新技术企业", "AI high-tech enterprises"),
    "k_projects": ("在库项目", "Projects"),
    "k_demonstration": ("示范工程", "Demonstration projects"),
    "k_investment": ("项目投资总额（万元）", "Investment (10k CNY)"),
    "k_offers": ("共享资源", "Resources offered"),
    "k_matches": ("促成对接", "Matches made"),
    "k_labs": ("合作实验室", "Lab partnerships"),
    "k_events": ("联盟活动", "Events"),
    "k_attendees": ("参会人次", "Attendances"),
    "k_investment_new": ("新启动项目投资（万元）", "Investment in new projects (10k CNY)"),
    "k_revenue": ("人工智能核心产业收入（亿元）", "AI core revenue (100M CNY)"),
    "k_new_members": ("本年新入盟", "Joined this year"),
    "k_withdrawn": ("本年退出", "Withdrew this year"),
    # table heads
    "t_indicator": ("指标", "Indicator"),
    "t_previous": ("{year}年", "{year}"),
    "t_change": ("变化", "Change"),
    "t_target": ("目标", "Target"),
    "t_goal": ("五年目标", "5-year goal"),
    "t_actual": ("{year}年实际", "{year} actual"),
    "t_progress": ("完成度", "Progress"),
    "t_domain": ("重点领域", "Domain"),
    "t_total": ("合计", "Total"),
    "t_kind": ("类型", "Kind"),
    "t_count": ("数量", "Count"),
    "t_share": ("占比", "Share"),
    "t_no": ("序号", "No."),
    "t_project": ("项目", "Project"),
    "t_lead": ("牵头单位", "Lead member"),
    "t_status": ("状态", "Status"),
    "t_investment": ("投资（万元）", "Investment (10k CNY)"),
    "t_lab": ("实验室", "Lab"),
    "t_partners": ("合作单位", "Partners"),
    "t_patents": ("专利", "Patents"),
    "t_papers": ("论文", "Papers"),
    "t_standards": ("标准", "Standards"),
    "t_event": ("活动", "Event"),
    "t_date": ("日期", "Date"),
    "t_city": ("城市", "City"),
    "t_attendees": ("参会人次", "Attendances"),
    "t_attending_members": ("参会单位", "Members"),
    "t_member": ("成员单位", "Member"),
    "t_role": ("联盟职务", "Role"),
    "t_joined": ("入盟日期", "Joined"),
    "t_terms": ("共享条件", "Terms"),
    "t_offer_status": ("资源状态", "Offer status"),
    "t_request_status": ("申请状态", "Request status"),
    "t_lab_status": ("运行状态", "Status"),
    "t_item": ("指标", "Item"),
    "t_match_rate": ("对接率", "Match rate"),
    "t_value": ("数值", "Value"),
    "t_other_cities": ("其他或未填", "Other or not given"),
    "t_ai_mark": ("★ 人工智能高新技术企业", "★ AI high-tech enterprise"),
    "not_measured": ("未统计", "Not recorded"),
    "reached": ("已达成", "reached"),
    "none": ("无", "none"),
    # annual figures
    "a_reporting": ("填报年度数据的成员单位", "Members that reported figures"),
    "a_revenue": ("人工智能核心产业收入（亿元）", "AI core revenue (100M CNY)"),
    "a_rd": ("研发投入（万元）", "R&D spend (10k CNY)"),
    "a_patents": ("成员单位专利数", "Members' patents"),
    "a_employees": ("从业人员", "Employees"),
    "a_dues_total": ("应缴会费（万元）", "Dues due (10k CNY)"),
    "a_dues_paid_members": ("已缴会费单位", "Members that paid"),
    "a_dues_paid_amount": ("已缴会费（万元）", "Dues paid (10k CNY)"),
    "a_dues_unpaid_members": ("未缴会费单位", "Members that have not paid"),
    "o_completed": ("本年完成项目", "Projects completed this year"),
    "o_new_projects": ("本年新启动项目", "Projects started this year"),
    "o_new_labs": ("本年新建实验室", "Labs established this year"),
}

SENTENCES: dict[str, tuple[str, str]] = {
    "overview": (
        "截至 {year} 年末，联盟共有成员单位 {members} 家，本年新入盟 {joined} 家、退出 {withdrawn} 家；"
        "在库项目 {projects} 个，其中示范工程 {demonstration} 个，本年新启动 {new_projects} 个；"
        "共享资源 {offers} 项，促成对接 {matches} 次；合作实验室 {labs} 个；举办活动 {events} 场，"
        "参会 {attendees} 人次。",
        "At the end of {year} the alliance had {members} members ({joined} joined and {withdrawn} withdrew "
        "during the year). Its records held {projects} projects, {demonstration} of them demonstration projects "
        "and {new_projects} started this year; members offered {offers} resources and made {matches} matches, "
        "ran {labs} lab partnerships and held {events} events with {attendees} attendances.",
    ),
    "targets_intro": (
        "联盟五年发展目标为：培育有影响力的人工智能高新技术企业不少于 100 家，建设技术示范工程约 100 个，"
        "人工智能核心产业规模超过 600 亿元，带动相关产业规模不少于 6000 亿元。下表为截至 {year} 年末的完成情况。",
        "The alliance's 5-year targets are at least 100 influential AI high-tech enterprises, about 100 "
        "technology demonstration projects, an AI core industry above 600 (100M CNY) and a related industry "
        "of at least 6,000 (100M CNY). The table shows where they stood at the end of {year}.",
    ),
    "targets_unmeasured": (
        "“带动相关产业规模”在联盟协作台中没有对应的填报字段，本报告不作统计。",
        "Alliance Desk records no figure for the related industry, so this report does not measure it.",
    ),
    "projects_intro": (
        "截至 {year} 年末，在库项目 {projects} 个，覆盖 {domains} 个重点领域，投资总额 {investment} 万元；"
        "其中 {with_partners} 个项目有其他成员单位参与合作，合作关系共 {links} 项。",
        "At the end of {year} the records held {projects} projects in {domains} key domains, with a total "
        "investment of {investment} (10k CNY); {with_partners} of them involve partner members, in "
        "{links} partnerships.",
    ),
    "resources_intro": (
        "{year} 年可用的共享资源 {offers} 项；本年成员单位提出资源申请 {requests} 次，来自 {requesters} 家单位，"
        "其中已接受（促成对接）{matches} 次，对接率 {rate}。",
        "Shared resources available in {year}: {offers}. Members made {requests} requests from "
        "{requesters} members during the year, {matches} of them accepted (matches): a match rate of {rate}.",
    ),
    "labs_intro": (
        "截至 {year} 年末，联盟成员共建合作实验室 {labs} 个（本年新建 {new} 个），合作单位关系 {links} 项；"
        "累计产出专利 {patents} 项、论文 {papers} 篇、标准 {standards} 项。",
        "At the end of {year} members ran {labs} lab partnerships ({new} established this year) with "
        "{links} partner links; they report {patents} patents, {papers} papers and {standards} standards.",
    ),
    "labs_listed": (
        "下表列出成果最多的 {shown} 个实验室（共 {total} 个）。",
        "The {shown} labs with most outputs ({total} in all).",
    ),
    "events_intro": (
        "{year} 年联盟共举办活动 {events} 场，参会 {attendees} 人次，来自 {members} 家成员单位。",
        "In {year} the alliance held {events} events with {attendees} attendances from {members} members.",
    ),
    "events_listed": ("下表列出前 {shown} 场（共 {total} 场）。", "The first {shown} are listed ({total} in all)."),
    "no_events": ("本年度没有活动记录。", "No events were recorded for this year."),
    "no_projects": ("本年度没有项目记录。", "No projects were recorded by the end of this year."),
    "no_labs": ("截至本年末没有实验室合作记录。", "No lab partnerships were recorded by the end of this year."),
    "no_members": ("本年度没有在册成员单位。", "No members were on the roll in this year."),
    "outputs_intro": (
        "成果产出包括合作实验室累计产出、成员单位填报的年度数据和本年完成的项目。",
        "Outputs are the labs' recorded outputs, the members' reported annual figures and the projects "
        "completed during the year.",
    ),
    "directory_intro": (
        "名录收录 {year} 年内在册的全部 {count} 家成员单位，按联盟职务和名称排序。",
        "The roll lists all {count} members on it during {year}, by alliance role and name.",
    ),
    "as_of_synced": (
        "数据截至本机最近一次与联盟服务器同步：{time}（UTC）。",
        "Data as of this desktop's last sync with the alliance server: {time} (UTC).",
    ),
    "as_of_never": (
        "本机从未与联盟服务器同步，数据仅为本机记录。",
        "This desktop has never synced with the alliance server: the data are this desktop's own records only.",
    ),
    "computed_at": ("统计时间：{time}（UTC）。", "Figures computed at {time} (UTC)."),
    "warn_pending": (
        "注意：本机有 {count} 条修改尚未推送到联盟服务器，报告中的数字可能与其他成员看到的不同。请先同步后再发布。",
        "Warning: this desktop has {count} edits not yet pushed to the alliance server, so the figures may "
        "differ from what other members see. Sync before publishing this report.",
    ),
    "warn_rejected": (
        "注意：有 {count} 条修改被服务器拒绝，仍保留在本机，未计入服务器数据。",
        "Warning: the server refused edits ({count}); they are kept on this desktop only.",
    ),
    "warn_demo": (
        "注意：本报告基于演示数据生成，不代表联盟真实情况，不得对外发布。",
        "Warning: this report was made from demo data. It does not describe the real alliance and must not be "
        "published.",
    ),
    "warn_missing": (
        "报告字体缺少以下字符，它们在正文中可能显示为空白或方框：{chars}。请联系秘书处更新字体或改用常用字。",
        "The report font lacks these characters, which may show blank or as boxes: {chars}. Ask the secretariat "
        "to update the font or use common characters.",
    ),
    "undated_requests": (
        "另有 {count} 条资源申请未填写申请日期，未计入任何年度。",
        "Resource requests without a request date ({count}) are counted in no year.",
    ),
}

DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "所有统计均基于本机数据文件中未删除的记录；年度指公历 1 月 1 日至 12 月 31 日。",
        "Every figure counts the records of this desktop's store that are not deleted; a year runs from "
        "1 January to 31 December.",
    ),
    (
        "在册成员单位：状态不是“申请中”、入盟日期不晚于年末（或未填）、且未在本年之前退出的成员单位；"
        "“年末成员单位”再除去年末前已退出者。退出以状态变更日期为准；年末之后才变更状态的成员单位按年末时在册计。",
        'Members on the roll: members not in "applied" status, joined by year end (or with no join date) and '
        'not withdrawn before the year; "members at year end" leaves out those withdrawn by year end, dated by '
        "their status change; a member whose status changed only after the year counts as active at year end.",
    ),
    (
        "在库项目：开始日期不晚于年末（或未填）的项目；年末之后才完成的项目按“进行中”计，其余为当前状态；投资额单位为万元。",
        "Projects: those started by year end (or with no start date); one completed after the year counts as "
        "ongoing, the others in their current status; investment in 10k CNY.",
    ),
    (
        "共享资源：可用期与本年有交集（未填起止日期视为不限）的资源；资源申请按申请日期计入年度，"
        "“促成对接”为状态“已接受”的申请。",
        "Resources offered: offers whose availability overlaps the year (open ends count); requests count in "
        "the year of their request date, and a match is an accepted request.",
    ),
    (
        "合作实验室：成立日期不晚于年末（或未填）；专利、论文、标准为各实验室记录的累计数。",
        "Lab partnerships: established by year end (or undated); patents, papers and standards are each lab's "
        "recorded totals.",
    ),
    (
        "活动：开始日期在本年内；参会人次为签到记录数。年度数据为成员单位填报的本年度数据。",
        "Events: starting within the year; attendances are check-ins. Annual figures are those the members "
        "reported for the year.",
    ),
)


class Words:
    """One edition's words: `w("s_overview")`, `w.say("overview", members=...)`, numbers and dates."""

    def __init__(self, lang: str):
        self.lang = lang
        self.index = 0 if lang == "zh" else 1

    def __call__(self, key: str, **values: object) -> str:
        text = WORDS[key][self.index]
        return text.format(**values) if values else text

    def say(self, key: str, **values: object) -> str:
        text = SENTENCES[key][self.index].format(**values)
        return text if self.lang == "zh" else singular_after_one(text)

    def definitions(self) -> list[str]:
        return [pair[self.index] for pair in DEFINITIONS]

    @property
    def alliance(self) -> str:
        return ALLIANCE_ZH if self.lang == "zh" else ALLIANCE_EN

    def date(self, day: date | str | None) -> str:
        if day is None or day == "":
            return "—"
        if isinstance(day, str):
            day = date.fromisoformat(day[:10])
        if self.lang == "zh":
            return f"{day.year}年{day.month}月{day.day}日"
        return day.strftime("%d %B %Y").lstrip("0")

    def short_date(self, day: str | None) -> str:
        return "—" if not day else day[:10]

    def section_number(self, n: int) -> str:
        if self.lang == "zh":
            return "一二三四五六七八九十"[n - 1] + "、"
        return f"{n} "


# English nouns the sentences count, so that "1 events" reads "1 event".
SINGULARS = {
    "attendances": "attendance",
    "edits": "edit",
    "events": "event",
    "labs": "lab",
    "links": "link",
    "matches": "match",
    "members": "member",
    "papers": "paper",
    "partnerships": "partnership",
    "patents": "patent",
    "projects": "project",
    "requests": "request",
    "resources": "resource",
    "standards": "standard",
    "domains": "domain",
}
_ONE = re.compile(r"(?<![\d.,])1 ((?:\w+ )?)(" + "|".join(SINGULARS) + r")\b")


def singular_after_one(text: str) -> str:
    """English agreement after the number 1 ("1 events" → "1 event", "1 lab partnerships" → "1 lab partnership")."""
    return _ONE.sub(lambda m: f"1 {m[1]}{SINGULARS[m[2]]}", text)


def integer(value: float | int) -> str:
    """An integer as the report prints it: thousands separated (1,234)."""
    return f"{round(value):,}"


def amount(value: float | None) -> str:
    """A money amount (万元 or 亿元) as the report prints it: two decimals, thousands separated."""
    return "—" if value is None else f"{value:,.2f}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def change(current: float, previous: float, money: bool = False) -> str:
    """Year-on-year change: the difference and, where the previous year was not zero, the percentage."""
    diff = current - previous
    shown = amount(abs(diff)) if money else integer(abs(diff))
    if shown in ("0", "0.00"):
        return "—"
    sign = "+" if diff > 0 else "-"  # ASCII minus: the report font has no U+2212
    if previous:
        return f"{sign}{shown} ({sign}{abs(diff) / previous * 100:.1f}%)"
    return f"{sign}{shown}"
