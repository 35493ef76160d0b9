"""The columns a record kind has in a spreadsheet: its fields, its partner members, its id, and other names for them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from alliance_app.models import PARTNER_LINKS, RECORDS_BY_KIND, FieldSpec, field_specs

IMPORT_KINDS = ("member", "contact", "project", "resource_offer", "lab_partnership")
EXPORT_KINDS = tuple(RECORDS_BY_KIND)

# What a sheet and the import wizard call each kind of record: its declared name, several of them.
KIND_LABELS: dict[str, tuple[str, str]] = {
    kind: (cls.kind_name.zh, cls.kind_name.en_plural) for kind, cls in RECORDS_BY_KIND.items()
}

ID_COLUMN = "id"
PARTNERS_COLUMN = "partners"
# One column holding a date range ("2024.03-2025.12"), split into the kind's start and end fields.
PERIOD_COLUMN = "period"
_PERIOD_ALIASES = ("起止时间", "起止日期", "起止年月", "项目周期", "实施周期", "建设周期", "实施期限", "执行期",
                   "执行期限", "项目起止时间", "开放时间", "Period")  # fmt: skip
# Within a file, a row is the same record as another row or a stored record when these fields match
# (after the id, and for members the credit code): what "re-importing the same file changes nothing" rests on.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "member": ("name_zh",),
    "contact": ("member_id", "name"),
    "project": ("lead_member_id", "title"),
    "resource_offer": ("member_id", "title"),
    "lab_partnership": ("lead_member_id", "name"),
}

# Other names people give these columns in their own spreadsheets (the labels themselves always match): the words
# of the rosters, application forms and statistics tables secretariats and government offices in Hubei circulate.
ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("member", "name_zh"): (
        "单位名称",
        "成员单位名称",
        "成员单位",
        "名称",
        "单位全称",
        "企业名称",
        "企业（单位）名称",
        "单位（企业）名称",
        "机构名称",
        "会员单位",
        "会员单位名称",
        "Name",
        "Member name",
    ),
    ("member", "name_en"): ("英文名", "英文全称", "单位英文名称"),
    ("member", "short_name"): ("单位简称", "企业简称", "Abbreviation"),
    ("member", "member_kind"): (
        "类型",
        "单位性质",
        "单位类别",
        "单位类型",
        "机构类型",
        "机构性质",
        "企业类型",
        "Type",
        "Member kind",
    ),
    ("member", "alliance_role"): ("职务", "联盟角色", "联盟职务", "会员类别", "会员级别", "Role"),
    ("member", "credit_code"): (
        "信用代码",
        "社会信用代码",
        "统一代码",
        "统一社会信用代码（组织机构代码）",
        "组织机构代码",
        "USCC",
        "Credit code",
    ),
    ("member", "city"): (
        "所在城市",
        "所在地",
        "所属市州",
        "所在市州",
        "市州",
        "所属地市",
        "地市",
        "所在地市",
        "地区",
        "所属城市",
    ),
    ("member", "district"): ("所在区县", "所属区县", "县市区", "区（县）"),
    ("member", "joined_on"): (
        "入盟时间",
        "入盟日期",
        "加入日期",
        "加入时间",
        "入会日期",
        "入会时间",
        "加入联盟时间",
        "Joined",
        "Join date",
    ),
    ("member", "status"): ("会员状态", "成员状态"),
    ("member", "domains"): (
        "领域",
        "所属领域",
        "主要领域",
        "重点领域",
        "涉及领域",
        "应用领域",
        "业务领域",
        "技术领域",  # the high-tech enterprise forms' word
        "所属技术领域",
        "研究领域",  # universities' and institutes' rosters
        "Domain",
    ),
    ("member", "ai_high_tech"): (
        "高新技术企业",
        "是否高新技术企业",
        "是否人工智能高新技术企业",
        "是否高企",
        "高企",
        "AI high-tech",
    ),
    ("member", "website"): ("网址", "官网", "单位网址", "网站地址", "Web", "URL"),
    ("member", "description"): ("单位简介", "企业简介", "描述", "说明", "简介"),
    ("contact", "member_id"): (
        "单位",
        "所属单位",
        "单位名称",
        "工作单位",
        "所在单位",
        "Organisation",
        "Organization",
        "Company",
    ),
    ("contact", "name"): ("联系人", "名字", "联系人姓名", "Contact", "Contact name"),
    ("contact", "title"): ("职位", "岗位", "职务/职称", "Position", "Job title"),
    ("contact", "phone"): (
        "手机",
        "手机号",
        "手机号码",
        "联系电话",
        "电话号码",
        "联系方式",
        "办公电话",
        "Mobile",
        "Tel",
        "Telephone",
    ),
    ("contact", "email"): ("邮箱", "电子邮件", "电子邮箱地址", "Email", "Mail"),
    ("contact", "is_primary"): ("是否主要联络人", "是否联络人", "主联系人", "Primary", "Primary contact"),
    ("project", "lead_member_id"): (
        "承担单位",
        "负责单位",
        "申报单位",
        "牵头单位名称",
        "实施单位",
        "建设单位",
        "Lead",
        "Lead organisation",
    ),
    ("project", "title"): ("名称", "项目", "Project", "Project name", "Project title", "Name"),
    ("project", "domain"): ("领域", "所属领域", "主要领域", "应用领域", "技术领域", "所属技术领域"),
    ("project", "project_kind"): ("类型", "项目类别", "类别", "项目类型", "Type", "Project kind"),
    ("project", "status"): ("项目状态", "进展情况", "进展", "实施状态", "建设状态"),
    ("project", "start_date"): ("开始时间", "起始日期", "开工日期", "开始年月", "启动时间", "立项时间", "Start"),
    ("project", "end_date"): (
        "结束时间",
        "截止日期",
        "完成日期",
        "完成时间",
        "结束年月",
        "竣工时间",
        "验收时间",
        "End",
    ),
    ("project", "investment"): ("投资额", "总投资", "投资金额", "投资总额", "计划总投资", "项目总投资", "Investment"),
    ("project", "funding_source"): ("Funding", "资金渠道"),
    ("project", "description"): ("简介", "描述", "说明", "主要内容", "建设内容"),
    ("resource_offer", "member_id"): ("成员单位", "Provider", "Member", "提供方"),
    ("resource_offer", "resource_kind"): ("类型", "Type", "Resource kind", "资源类别"),
    ("resource_offer", "title"): ("名称", "资源", "Resource", "Name"),
    ("resource_offer", "capacity"): ("规模", "容量", "Quantity"),
    ("resource_offer", "capacity_unit"): ("计量单位", "Capacity unit"),
    ("resource_offer", "terms"): ("条件", "收费方式"),
    ("lab_partnership", "lead_member_id"): ("依托单位", "Lead"),
    ("lab_partnership", "name"): ("名称", "实验室", "Lab", "Lab name"),
    ("lab_partnership", "lab_kind"): ("类型", "Type", "Lab kind", "实验室类型"),
    ("lab_partnership", "established_on"): ("成立时间", "揭牌日期", "揭牌时间", "成立日期", "Established"),
    ("lab_partnership", "domains"): ("领域", "所属领域", "主要领域", "技术领域", "研究领域", "Domain"),
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
def columns(kind: str, *, importing: bool = False) -> tuple[Column, ...]:
    """The kind's columns in file order: its fields (not those the services derive), partners, then the id;
    `importing` adds what a file may have but an export never writes (a period column split into two dates)."""
    result = [
        Column(s.name, s.zh, s.en, s, ALIASES.get((kind, s.name), ())) for s in field_specs(kind) if not s.derived
    ]
    if kind in PARTNER_LINKS:
        result.append(Column(PARTNERS_COLUMN, "合作单位", "Partner members", None, _PARTNER_ALIASES))
    if importing and period_fields(kind):
        result.append(Column(PERIOD_COLUMN, "起止时间", "Period", None, _PERIOD_ALIASES))
    result.append(Column(ID_COLUMN, "编号", "ID", None, _ID_ALIASES))
    return tuple(result)


def period_fields(kind: str) -> tuple[str, str] | None:
    """The start and end fields a period column fills (the kind's first date range), or None."""
    ranges = getattr(RECORDS_BY_KIND[kind], "date_ranges", ())
    return ranges[0] if ranges else None


@cache
def columns_by_name(kind: str) -> dict[str, Column]:
    return {c.name: c for c in columns(kind, importing=True)}
