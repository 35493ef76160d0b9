"""The report's words in Chinese and English, and how its numbers and dates are written in each edition."""

from __future__ import annotations

from datetime import date

from alliance_app.models.enums import NarrativeSection
from alliance_app.reports.numbers import singular_after_one

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
    # figure labels (k_*, a_*, o_*) are added below from definitions.py: one label per figure
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
    "t_check_ins": ("签到人次", "Check-ins"),
    "t_registrations": ("报名人次", "Registered"),
    "t_definition": ("定义", "Definition"),
    "h_glossary": ("指标释义", "Glossary of figures"),
    "h_rules": ("统计规则", "Rules for every figure"),
    "not_reported": ("未填报", "not reported"),
    "no_alliance": ("联盟尚未成立", "no alliance yet"),
    "cover_provisional": ("临时版 · 截至{date}", "PROVISIONAL · AS OF {date}"),
    "t_not_given": ("未填", "Not given"),
}

SENTENCES: dict[str, tuple[str, str]] = {
    "overview": (
        "截至{as_of}，联盟共有成员单位 {members} 家，本年新入盟 {joined} 家、退出 {withdrawn} 家；"
        "登记项目 {projects} 个，其中已启动的示范工程 {demonstration} 个，本年新启动项目 {new_projects} 个；"
        "可用共享资源 {offers} 项，促成对接 {matches} 次；运行中的合作实验室 {labs} 个；举办活动 {events} 场，"
        "签到 {check_ins} 人次。",
        "As of {as_of} the alliance had {members} members: {joined} joined during the year and {withdrawn} "
        "withdrew. The records held {projects} projects, {demonstration} of them demonstration projects under "
        "way, and {new_projects} projects started during the year. {offers} shared resources were available and "
        "{matches} matches were made; {labs} lab partnerships were active; and the alliance held {events} events, "
        "with {check_ins} check-ins.",
    ),
    "provisional": (
        "本报告为临时版：{year} 年尚未结束，数字截至{as_of}（北京时间），年内仍会变化；上年数字为全年数。",
        "This report is provisional: {year} is not over, its figures run to {as_of} (Beijing time) and will "
        "still change; last year's figures are for the whole year.",
    ),
    "no_previous": (
        "{year} 年联盟尚未成立，上年各栏不作比较。",
        "The alliance did not exist in {year}, so there is no previous year to compare with.",
    ),
    "store_projects": (
        "本机共有项目 {in_store} 个，其中开始日期在截止日之后的 {later} 个不计入登记项目。",
        "This desktop holds {in_store} projects; {later} of them start after the as-of date and are not counted "
        "as projects on record.",
    ),
    "targets_intro": (
        "联盟五年发展目标为：培育有影响力的人工智能高新技术企业不少于 100 家，建设技术示范工程约 100 个，"
        "人工智能核心产业规模超过 600 亿元，带动相关产业规模不少于 6000 亿元。下表为截至{as_of}的完成情况。",
        "Over five years the alliance aims for at least 100 influential AI high-tech enterprises, about 100 "
        "technology demonstration projects, an AI core industry worth more than RMB 60 billion and related "
        "industries worth at least RMB 600 billion. The table shows where these stood as of {as_of}.",
    ),
    "targets_unmeasured": (
        "“带动相关产业规模”在联盟协作台中没有对应的填报字段，本报告不作统计。",
        "Alliance Desk records no figure for the related industries, so this report does not measure that target.",
    ),
    "projects_intro": (
        "截至{as_of}，登记项目 {projects} 个（各状态），覆盖 {domains} 个重点领域，登记投资 {investment}；"
        "其中 {with_partners} 个项目有其他成员单位参与合作，合作关系共 {links} 项。",
        "As of {as_of} the records held {projects} projects (all statuses) in {domains} key domains, with "
        "{investment} of investment entered; {with_partners} of them involve partner members, in "
        "{links} partnerships.",
    ),
    "resources_intro": (
        "{year} 年可用的共享资源 {offers} 项；本年成员单位提出资源申请 {requests} 次，来自 {requesters} 家单位，"
        "其中已接受（促成对接）{matches} 次，对接率（已接受申请 ÷ 申请）{rate}。",
        "In {year}, {offers} shared resources were available. During the year {requesters} members made "
        "{requests} requests for them, of which {matches} were accepted (matches): a match rate (accepted ÷ "
        "requests) of {rate}.",
    ),
    "labs_intro": (
        "截至{as_of}，联盟成员共建合作实验室 {labs} 个，其中运行中 {active} 个、筹建中 {planned} 个、已结束 {closed} 个"
        "（本年新建 {new} 个），合作单位关系 {links} 项；这些实验室（含已结束的）自成立以来累计产出专利 {patents} 项、"
        "论文 {papers} 篇、标准 {standards} 项。",
        "As of {as_of} members had set up {labs} lab partnerships: {active} active, {planned} planned and "
        "{closed} closed ({new} established this year), with {links} partner links. Since they began, these labs "
        "(closed ones included) have recorded {patents} patents, {papers} papers and {standards} standards in all.",
    ),
    "labs_listed": (
        "下表列出成果最多的 {shown} 个实验室（共 {total} 个）。",
        "The {shown} labs with most outputs ({total} in all).",
    ),
    "events_intro": (
        "{during}联盟共举办活动 {events} 场，签到 {check_ins} 人次（报名 {registrations} 人次），"
        "来自 {members} 家成员单位。",
        "{during} the alliance held {events} events, with {check_ins} check-ins ({registrations} registered) "
        "from {members} members.",
    ),
    "events_listed": ("下表列出前 {shown} 场（共 {total} 场）。", "The first {shown} are listed ({total} in all)."),
    "no_events": ("本年度没有活动记录。", "No events were recorded for this year."),
    "no_projects": ("本年度没有项目记录。", "No projects were recorded by the end of this year."),
    "no_labs": ("截至本年末没有实验室合作记录。", "No lab partnerships were recorded by the end of this year."),
    "no_members": ("本年度没有在册成员单位。", "No members were on the roll in this year."),
    "outputs_intro": (
        "成果产出包括合作实验室自成立以来的累计产出（含已结束的实验室）、成员单位填报的年度数据和本年完成的项目。"
        "年度数据每年只合计该年在册的成员单位，同比口径一致。",
        "This section brings together what the lab partnerships have produced since they began (closed labs "
        "included), the annual figures members reported, and the projects completed during the year. Each year's "
        "annual figures add up only the members on that year's roll, so the two years compare like for like.",
    ),
    "directory_intro": (
        "名录收录 {year} 年内在册的全部 {count} 家成员单位，按联盟职务、再按名称拼音排序。",
        "The roll lists all {count} members that were on it at any time in {year}, by alliance role and then by "
        "the pinyin of their Chinese names.",
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
    "warn_provisional": (
        "注意：{year} 年尚未结束，本报告为截至{as_of}的临时版，数字年内仍会变化。",
        "Warning: {year} is not over; this is a provisional report as of {as_of}, and its figures will still change.",
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


def _figure_words() -> dict[str, tuple[str, str]]:
    """The labels of the figures, from definitions.py (the one place a figure is named and defined)."""
    from alliance_app.reports.definitions import BY_NAME

    keys = {
        "k_members": "members",
        "k_ai_high_tech": "ai_high_tech",
        "k_projects": "projects",
        "k_demonstration": "demonstration",
        "k_investment": "investment",
        "k_offers": "offers",
        "k_matches": "matches",
        "k_labs": "labs_active",
        "k_events": "events",
        "k_check_ins": "check_ins",
        "k_investment_new": "investment_new",
        "k_revenue": "ai_core_revenue",
        "k_new_members": "joined",
        "k_withdrawn": "withdrawn",
        "a_reporting": "reporting_members",
        "a_revenue": "ai_core_revenue",
        "a_rd": "rd_spend",
        "a_patents": "member_patents",
        "a_employees": "employees",
        "o_completed": "projects_completed",
        "o_new_projects": "projects_new",
        "o_new_labs": "labs_new",
    }
    return {key: (BY_NAME[name].zh, BY_NAME[name].en) for key, name in keys.items()}


WORDS.update(_figure_words())
WORDS.update({f"s_{s.value}": (s.zh, s.en) for s in NarrativeSection})  # the written sections' headings
WORDS.update(
    {
        "a_dues_total": ("应缴会费", "Dues owed"),
        "a_dues_paid_members": ("已缴会费单位", "Members that paid"),
        "a_dues_paid_amount": ("已缴会费", "Dues paid"),
        "a_dues_unpaid_members": ("未缴会费单位", "Members that have not paid"),
    }
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

    def during(self, year: int, as_of: str, provisional: bool) -> str:
        """How a sentence opens on the period: the year, or the year so far in a provisional report."""
        if not provisional:
            return f"{year} 年" if self.lang == "zh" else f"In {year}"
        day = self.date(as_of)
        return f"{year} 年（截至{day}）" if self.lang == "zh" else f"In {year}, up to {day},"

    def as_of(self, as_of: str, provisional: bool) -> str:
        """How a sentence names the as-of date: the year's end, or the very day in a provisional report."""
        day = date.fromisoformat(as_of)
        if provisional:
            return self.date(day) if self.lang == "en" else f" {self.date(day)}"
        return f" {day.year} 年末" if self.lang == "zh" else f"the end of {day.year}"

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

    def section_number(self, n: int) -> str:
        if self.lang == "zh":
            return chinese_numeral(n) + "、"
        return f"{n} "


def chinese_numeral(n: int) -> str:
    """1–99 in Chinese numerals, as headings are numbered (十一, 二十)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    if not 0 < n < 100:
        raise ValueError(f"no Chinese heading number for {n}")
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
