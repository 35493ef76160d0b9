"""The alliance's fixed vocabularies: the 16 key domains and every kind and status list, in Chinese and English."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING


class Labelled(StrEnum):
    """A stable code (stored and sent on the wire) with a Chinese and an English name."""

    zh: str
    en: str

    if not TYPE_CHECKING:  # type checkers should see the usual lookup by code, `Domain("smart_city")`

        def __new__(cls, code: str, zh: str, en: str) -> Labelled:
            member = str.__new__(cls, code)
            member._value_ = code
            member.zh = zh
            member.en = en
            return member

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    @classmethod
    def from_text(cls, text: str) -> Labelled:
        """Accepts the code, the Chinese or the English name (case-insensitive), as typed or imported."""
        wanted = text.strip()
        names = _names_of(cls)
        found = names.get(wanted) or names.get(wanted.casefold())
        if found is None:
            raise ValueError(text)
        return found


@cache
def _names_of(cls: type[Labelled]) -> dict[str, Labelled]:
    """Every name a choice is typed by: its code and Chinese name as written, code and English name case-folded
    (an import reads tens of thousands of cells; a walk over the members for each was its slowest step)."""
    names: dict[str, Labelled] = {}
    for member in reversed(list(cls)):  # the first member wins a name two members share, as the walk did
        names[member.value.casefold()] = member
        names[member.en.casefold()] = member
    for member in reversed(list(cls)):
        names[member.value] = member
        names[member.zh] = member
    return names


class Domain(Labelled):
    """The 16 key domains (重点领域) of the alliance."""

    INTELLIGENT_MANUFACTURING = ("intelligent_manufacturing", "智能制造", "Intelligent manufacturing")
    CONNECTED_VEHICLES = ("connected_vehicles", "智能网联汽车", "Intelligent connected vehicles")
    BEIDOU = ("beidou", "智能北斗", "BeiDou navigation")
    INTELLIGENT_CONSTRUCTION = ("intelligent_construction", "智能建造", "Intelligent construction")
    SMART_AGRICULTURE = ("smart_agriculture", "智慧农业", "Smart agriculture")
    SMART_HOME = ("smart_home", "智慧家居", "Smart home")
    SMART_EDUCATION = ("smart_education", "智慧教育", "Smart education")
    SMART_HEALTHCARE = ("smart_healthcare", "智慧医疗", "Smart healthcare")
    SMART_ELDERLY_CARE = ("smart_elderly_care", "智慧康养", "Smart elderly care")
    SMART_CITY = ("smart_city", "智慧城市", "Smart city")
    SMART_RIVERS = ("smart_rivers", "智慧两江", "Smart Yangtze–Han rivers")
    SMART_TRANSPORT = ("smart_transport", "智慧交通", "Smart transport")
    SMART_TOURISM = ("smart_tourism", "智慧文旅", "Smart culture & tourism")
    BLOCKCHAIN = ("blockchain", "区块链", "Blockchain")
    CYBERSECURITY = ("cybersecurity", "智能网络安全", "Intelligent cybersecurity")
    PUBLIC_SAFETY = ("public_safety", "智慧公共安全", "Smart public safety")


class MemberKind(Labelled):
    ENTERPRISE = ("enterprise", "企业", "Enterprise")
    UNIVERSITY = ("university", "高校", "University")
    RESEARCH_INSTITUTE = ("research_institute", "科研院所", "Research institute")
    PUBLIC_PLATFORM = ("public_platform", "公共平台", "Public platform")
    OTHER = ("other", "其他", "Other")


class AllianceRole(Labelled):
    LEAD = ("lead", "理事长单位", "Lead member")
    VICE_CHAIR = ("vice_chair", "副理事长单位", "Vice-chair")
    MEMBER = ("member", "成员单位", "Member")


class MemberStatus(Labelled):
    """The membership life cycle: applied → active → suspended / withdrawn."""

    APPLIED = ("applied", "申请中", "Applied")
    ACTIVE = ("active", "正常", "Active")
    SUSPENDED = ("suspended", "暂停", "Suspended")
    WITHDRAWN = ("withdrawn", "已退出", "Withdrawn")


# Which membership status may follow which: the life cycle the secretariat runs.
MEMBER_STATUS_MOVES: dict[MemberStatus, frozenset[MemberStatus]] = {
    MemberStatus.APPLIED: frozenset({MemberStatus.ACTIVE, MemberStatus.WITHDRAWN}),
    MemberStatus.ACTIVE: frozenset({MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN}),
    MemberStatus.SUSPENDED: frozenset({MemberStatus.ACTIVE, MemberStatus.WITHDRAWN}),
    MemberStatus.WITHDRAWN: frozenset({MemberStatus.APPLIED}),
}


class ProjectKind(Labelled):
    DEMONSTRATION = ("demonstration", "示范工程", "Demonstration project")
    APPLICATION_SCENARIO = ("application_scenario", "应用场景", "Application scenario")
    OPEN_COMPETITION = ("open_competition", "揭榜挂帅", "Open-competition challenge")
    RESEARCH = ("research", "研发项目", "R&D")
    OTHER = ("other", "其他", "Other")


class ProjectStatus(Labelled):
    PLANNED = ("planned", "计划中", "Planned")
    ONGOING = ("ongoing", "进行中", "Ongoing")
    COMPLETED = ("completed", "已完成", "Completed")
    SUSPENDED = ("suspended", "已暂停", "Suspended")


class ResourceKind(Labelled):
    COMPUTE = ("compute", "算力", "Compute")
    DATASET = ("dataset", "数据集", "Data set")
    EQUIPMENT = ("equipment", "设备", "Equipment")
    LAB_SPACE = ("lab_space", "实验场地", "Lab space")
    TALENT = ("talent", "人才与培训", "Talent & training")
    OTHER = ("other", "其他", "Other")


class ResourceTerms(Labelled):
    FREE = ("free", "免费", "Free")
    AT_COST = ("at_cost", "成本价", "At cost")
    NEGOTIABLE = ("negotiable", "面议", "Negotiable")


class OfferStatus(Labelled):
    OPEN = ("open", "开放", "Open")
    MATCHED = ("matched", "已对接", "Matched")
    CLOSED = ("closed", "已关闭", "Closed")


class RequestStatus(Labelled):
    PENDING = ("pending", "待处理", "Pending")
    ACCEPTED = ("accepted", "已接受", "Accepted")
    DECLINED = ("declined", "已拒绝", "Declined")
    WITHDRAWN = ("withdrawn", "已撤回", "Withdrawn")


class LabKind(Labelled):
    JOINT_LAB = ("joint_lab", "联合实验室", "Joint lab")
    KEY_LAB = ("key_lab", "重点实验室", "Key lab")
    NATIONAL_LAB = ("national_lab", "国家实验室合作", "National-lab cooperation")
    OTHER = ("other", "其他", "Other")


class LabStatus(Labelled):
    PLANNED = ("planned", "筹建中", "Planned")
    ACTIVE = ("active", "运行中", "Active")
    CLOSED = ("closed", "已结束", "Closed")


class EventKind(Labelled):
    GENERAL_ASSEMBLY = ("general_assembly", "会员大会", "General assembly")
    COUNCIL = ("council", "理事会", "Council meeting")
    FORUM = ("forum", "论坛", "Forum")
    MATCHMAKING = ("matchmaking", "供需对接会", "Matchmaking session")
    TRAINING = ("training", "培训", "Training")
    OTHER = ("other", "其他", "Other")


class NarrativeSection(Labelled):
    """The parts of the annual report the secretariat writes rather than the desk computes, in the report's order."""

    FOREWORD = ("foreword", "秘书长致辞", "Foreword from the Secretary-General")
    WORK = ("work", "年度工作综述", "The year's work")
    CHRONICLE = ("chronicle", "大事记", "Chronicle of the year")
    GOVERNANCE = ("governance", "组织与治理", "Governance")
    FINANCE = ("finance", "财务概况", "Financial summary")
    PROBLEMS = ("problems", "存在的问题", "Problems met")
    PLAN = ("plan", "下一年度工作计划", "Plan for the coming year")


class Role(Labelled):
    """An account's role: what it may write."""

    LIAISON = ("liaison", "联络人", "Liaison")
    SECRETARIAT = ("secretariat", "秘书处", "Secretariat")
    ADMIN = ("admin", "管理员", "Administrator")
