"""The columns a record kind has in a spreadsheet: its fields, its partner members, its id, and other names for them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from alliance_app.models import RECORDS_BY_KIND, FieldSpec, field_specs

IMPORT_KINDS = ("member", "contact", "project", "resource_offer", "lab_partnership")
EXPORT_KINDS = tuple(RECORDS_BY_KIND)

# What a sheet and a message call each kind of record.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "member": ("成员单位", "Members"),
    "contact": ("联系人", "Contacts"),
    "project": ("项目", "Projects"),
    "project_partner": ("项目合作单位", "Project partners"),
    "resource_offer": ("资源共享", "Resource offers"),
    "resource_request": ("资源需求", "Resource requests"),
    "lab_partnership": ("实验室合作", "Lab partnerships"),
    "lab_partner": ("实验室合作单位", "Lab partners"),
    "event": ("活动", "Events"),
    "attendance": ("签到", "Attendance"),
    "annual_figures": ("年度数据", "Annual figures"),
}

ID_COLUMN = "id"
PARTNERS_COLUMN = "partners"
# Kinds whose partner members (link records) travel as one column of member names.
PARTNER_LINKS: dict[str, tuple[str, str]] = {
    "project": ("project_partner", "project_id"),
    "lab_partnership": ("lab_partner", "lab_id"),
}
# Within a file, a row is the same record as another row or a stored record when these fields match
# (after the id, and for members the credit code): what "re-importing the same file changes nothing" rests on.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "member": ("name_zh",),
    "contact": ("member_id", "name"),
    "project": ("lead_member_id", "title"),
    "resource_offer": ("member_id", "title"),
    "lab_partnership": ("lead_member_id", "name"),
}

# Other names people give these columns in their own spreadsheets (the labels themselves always match).
ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("member", "name_zh"): (
        "单位名称",
        "成员单位名称",
        "成员单位",
        "名称",
        "单位全称",
        "企业名称",
        "Name",
        "Member name",
    ),
    ("member", "name_en"): ("英文名",),
    ("member", "short_name"): ("单位简称", "Abbreviation"),
    ("member", "member_kind"): ("类型", "单位性质", "Type", "Member kind"),
    ("member", "alliance_role"): ("职务", "联盟角色", "Role"),
    ("member", "credit_code"): ("信用代码", "社会信用代码", "统一代码", "USCC", "Credit code"),
    ("member", "city"): ("所在城市", "所在地"),
    ("member", "joined_on"): ("入盟时间", "加入日期", "入会日期", "Joined", "Join date"),
    ("member", "domains"): ("领域", "所属领域", "Domain"),
    ("member", "ai_high_tech"): ("高新技术企业", "AI high-tech"),
    ("member", "website"): ("网址", "官网", "Web", "URL"),
    ("member", "description"): ("单位简介", "描述", "说明"),
    ("contact", "member_id"): ("单位", "所属单位", "单位名称", "工作单位", "Organisation", "Organization", "Company"),
    ("contact", "name"): ("联系人", "名字", "Contact", "Contact name"),
    ("contact", "title"): ("职位", "岗位", "Position", "Job title"),
    ("contact", "phone"): ("手机", "手机号", "手机号码", "联系电话", "电话号码", "Mobile", "Tel", "Telephone"),
    ("contact", "email"): ("邮箱", "电子邮件", "Email", "Mail"),
    ("contact", "is_primary"): ("是否主要联络人", "Primary", "Primary contact"),
    ("project", "lead_member_id"): ("承担单位", "负责单位", "申报单位", "Lead", "Lead organisation"),
    ("project", "title"): ("名称", "项目", "Project", "Project name", "Project title", "Name"),
    ("project", "domain"): ("领域", "所属领域"),
    ("project", "project_kind"): ("类型", "项目类别", "类别", "Type", "Project kind"),
    ("project", "status"): ("项目状态",),
    ("project", "start_date"): ("开始时间", "起始日期", "开工日期", "Start"),
    ("project", "end_date"): ("结束时间", "截止日期", "完成日期", "End"),
    ("project", "investment"): ("投资额", "总投资", "投资金额", "Investment"),
    ("project", "funding_source"): ("Funding",),
    ("project", "description"): ("简介", "描述", "说明"),
    ("resource_offer", "member_id"): ("成员单位", "Provider", "Member"),
    ("resource_offer", "resource_kind"): ("类型", "Type", "Resource kind"),
    ("resource_offer", "title"): ("名称", "资源", "Resource", "Name"),
    ("resource_offer", "capacity"): ("规模", "容量", "Quantity"),
    ("resource_offer", "capacity_unit"): ("计量单位", "Capacity unit"),
    ("resource_offer", "terms"): ("条件", "收费方式"),
    ("lab_partnership", "lead_member_id"): ("依托单位", "Lead"),
    ("lab_partnership", "name"): ("名称", "实验室", "Lab", "Lab name"),
    ("lab_partnership", "lab_kind"): ("类型", "Type", "Lab kind"),
    ("lab_partnership", "established_on"): ("成立时间", "揭牌日期", "Established"),
    ("lab_partnership", "domains"): ("领域", "所属领域", "Domain"),
    ("lab_partnership", "patents"): ("专利数",),
    ("lab_partnership", "papers"): ("论文数",),
    ("lab_partnership", "standards"): ("标准数",),
}
_PARTNER_ALIASES = ("合作单位", "参与单位", "合作成员", "Partners", "Partner", "Partner members")
_ID_ALIASES = ("编号", "ID", "记录编号", "Record ID")


@dataclass(frozen=True)
class Column:
    """One column of a kind's spreadsheet: a field, the partner members, or the record id."""

    name: str
    zh: str
    en: str
    spec: FieldSpec | None = None
    aliases: tuple[str, ...] = ()

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    @property
    def is_member_ref(self) -> bool:
        return self.name == PARTNERS_COLUMN or (self.spec is not None and self.spec.ref == "member")


@cache
def columns(kind: str) -> tuple[Column, ...]:
    """The kind's columns in file order: its fields (not those the services derive), partners, then the id."""
    result = [
        Column(s.name, s.zh, s.en, s, ALIASES.get((kind, s.name), ())) for s in field_specs(kind) if not s.derived
    ]
    if kind in PARTNER_LINKS:
        result.append(Column(PARTNERS_COLUMN, "合作单位", "Partner members", None, _PARTNER_ALIASES))
    result.append(Column(ID_COLUMN, "编号", "ID", None, _ID_ALIASES))
    return tuple(result)


@cache
def columns_by_name(kind: str) -> dict[str, Column]:
    return {c.name: c for c in columns(kind)}
