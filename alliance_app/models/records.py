"""The synced alliance records as SQLAlchemy tables: the one place each record's fields are written down.

Each column's `info` carries its Chinese and English label (forms, exports, messages) and, where it has one,
the named check of models/validation.py. Link records (partners, attendance, annual figures) get ids derived
from what they link, so two desktops adding the same link offline make the same record, not two.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from alliance_app.models.activity_records import AnnualFigures, Attendance, Event, LabPartner, LabPartnership
from alliance_app.models.base import Base, KindName, Parent, SyncedRecord
from alliance_app.models.columns import (
    LONG_TEXT,
    QUANTITY_MAX,
    WAN_YUAN_MAX,
    enum_type,
    label,
    live_unique,
    member_fk,
)
from alliance_app.models.enums import (
    AllianceRole,
    Domain,
    MemberKind,
    MemberStatus,
    OfferStatus,
    ProjectKind,
    ProjectStatus,
    RequestStatus,
    ResourceKind,
    ResourceTerms,
)
from alliance_app.models.narratives import Narrative


class Member(SyncedRecord, Base):
    __tablename__ = "members"
    kind: ClassVar[str] = "member"
    kind_name: ClassVar[KindName] = KindName("成员单位", "Member", "Members")
    owner_column: ClassVar[str | None] = None
    search_columns = ("name_zh", "name_en", "short_name", "credit_code", "city")
    title_column: ClassVar[str] = "name_zh"
    default_sort: ClassVar[str] = "name_zh"
    __table_args__ = (
        live_unique("uq_members_credit_code_live", "credit_code"),
        live_unique("uq_members_name_zh_live", "name_zh"),
    )

    name_zh: Mapped[str] = mapped_column(String(120), nullable=False, info=label("中文名称", "Chinese name"))
    name_en: Mapped[str | None] = mapped_column(String(200), info=label("英文名称", "English name"))
    short_name: Mapped[str | None] = mapped_column(String(40), info=label("简称", "Short name"))
    member_kind: Mapped[MemberKind] = mapped_column(
        enum_type(MemberKind), nullable=False, default=MemberKind.ENTERPRISE, info=label("单位类型", "Kind")
    )
    alliance_role: Mapped[AllianceRole] = mapped_column(
        enum_type(AllianceRole), nullable=False, default=AllianceRole.MEMBER, info=label("联盟职务", "Alliance role")
    )
    credit_code: Mapped[str | None] = mapped_column(
        String(18), info=label("统一社会信用代码", "Unified social credit code", check="credit_code")
    )
    city: Mapped[str | None] = mapped_column(String(40), index=True, info=label("城市", "City", city=True))
    district: Mapped[str | None] = mapped_column(String(40), info=label("区县", "District"))
    joined_on: Mapped[date | None] = mapped_column(Date, info=label("入盟日期", "Joined on"))
    status: Mapped[MemberStatus] = mapped_column(
        enum_type(MemberStatus), nullable=False, default=MemberStatus.ACTIVE, index=True, info=label("状态", "Status")
    )
    status_changed_on: Mapped[date | None] = mapped_column(Date, info=label("状态变更日期", "Status changed on"))
    status_reason: Mapped[str | None] = mapped_column(String(200), info=label("状态变更原因", "Status reason"))
    domains: Mapped[list[str]] = mapped_column(
        JSON, nullable=False, default=list, info=label("重点领域", "Domains", domains=True)
    )
    ai_high_tech: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, info=label("人工智能高新技术企业", "AI high-tech enterprise")
    )
    website: Mapped[str | None] = mapped_column(String(200), info=label("网站", "Website", check="url"))
    description: Mapped[str | None] = mapped_column(Text, info=label("简介", "Description", max_length=LONG_TEXT))


class Contact(SyncedRecord, Base):
    __tablename__ = "contacts"
    kind: ClassVar[str] = "contact"
    kind_name: ClassVar[KindName] = KindName("联系人", "Contact", "Contacts")
    owner_column: ClassVar[str | None] = "member_id"
    search_columns = ("name", "title")
    title_column: ClassVar[str] = "name"
    default_sort: ClassVar[str] = "name"

    member_id: Mapped[str] = mapped_column(
        String(36), member_fk(), nullable=False, index=True, info=label("成员单位", "Member", ref="member")
    )
    name: Mapped[str] = mapped_column(String(60), nullable=False, info=label("姓名", "Name"))
    title: Mapped[str | None] = mapped_column(String(80), info=label("职务", "Title"))
    phone: Mapped[str | None] = mapped_column(String(40), info=label("电话", "Phone", check="phone", personal=True))
    email: Mapped[str | None] = mapped_column(
        String(120), info=label("电子邮箱", "E-mail", check="email", personal=True)
    )
    is_primary: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, info=label("主要联络人", "Primary liaison")
    )


class Project(SyncedRecord, Base):
    __tablename__ = "projects"
    kind: ClassVar[str] = "project"
    kind_name: ClassVar[KindName] = KindName("项目", "Project", "Projects")
    owner_column: ClassVar[str | None] = "lead_member_id"
    search_columns = ("title", "title_en")
    title_column: ClassVar[str] = "title"
    default_sort: ClassVar[str] = "title"
    date_ranges = (("start_date", "end_date"),)
    __table_args__ = (
        CheckConstraint("investment >= 0", name="investment_not_negative"),
        # The project list in its default order, and its search columns: pages walk this index instead of
        # sorting wide rows, and a search scans it instead of the table (bench/bench_store_queries.py).
        Index("ix_projects_listing", "title", "id", "title_en", "owner_member_id", "deleted"),
    )

    lead_member_id: Mapped[str] = mapped_column(
        String(36), member_fk(), nullable=False, index=True, info=label("牵头单位", "Lead member", ref="member")
    )
    title: Mapped[str] = mapped_column(String(200), nullable=False, info=label("项目名称", "Title"))
    title_en: Mapped[str | None] = mapped_column(String(300), info=label("英文名称", "English title"))
    domain: Mapped[Domain] = mapped_column(
        enum_type(Domain), nullable=False, index=True, info=label("重点领域", "Domain")
    )
    project_kind: Mapped[ProjectKind] = mapped_column(
        enum_type(ProjectKind), nullable=False, default=ProjectKind.RESEARCH, index=True, info=label("项目类型", "Kind")
    )
    status: Mapped[ProjectStatus] = mapped_column(
        enum_type(ProjectStatus),
        nullable=False,
        default=ProjectStatus.PLANNED,
        index=True,
        info=label("状态", "Status"),
    )
    start_date: Mapped[date | None] = mapped_column(Date, info=label("开始日期", "Start date"))
    end_date: Mapped[date | None] = mapped_column(Date, info=label("结束日期", "End date"))
    investment: Mapped[float | None] = mapped_column(
        Float, info=label("投资额（万元）", "Investment (10k CNY)", unit="万元", maximum=WAN_YUAN_MAX)
    )
    funding_source: Mapped[str | None] = mapped_column(String(120), info=label("资金来源", "Funding source"))
    description: Mapped[str | None] = mapped_column(Text, info=label("项目简介", "Description", max_length=LONG_TEXT))


class ProjectPartner(SyncedRecord, Base):
    __tablename__ = "project_partners"
    kind: ClassVar[str] = "project_partner"
    kind_name: ClassVar[KindName] = KindName("项目合作单位", "Project partner", "Project partners")
    parent: ClassVar[Parent | None] = Parent("project", "project_id", partner_list=True)
    owner_column: ClassVar[str | None] = None  # owned by the project's lead member
    title_column: ClassVar[str] = "member_id"
    default_sort: ClassVar[str] = "member_id"
    link_columns: ClassVar[tuple[str, ...]] = ("project_id", "member_id")
    __table_args__ = (live_unique("uq_project_partners_live", "project_id", "member_id"),)

    project_id: Mapped[str] = mapped_column(
        String(36),
        ForeignKey("projects.id", ondelete="RESTRICT"),
        nullable=False,
        index=True,
        info=label("项目", "Project", ref="project"),
    )
    member_id: Mapped[str] = mapped_column(
        String(36), member_fk(), nullable=False, index=True, info=label("合作单位", "Partner member", ref="member")
    )
    role: Mapped[str | None] = mapped_column(String(80), info=label("分工", "Role"))


class ResourceOffer(SyncedRecord, Base):
    __tablename__ = "resource_offers"
    kind: ClassVar[str] = "resource_offer"
    kind_name: ClassVar[KindName] = KindName("共享资源", "Resource offer", "Resource offers")
    owner_column: ClassVar[str | None] = "member_id"
    search_columns = ("title", "title_en")
    title_column: ClassVar[str] = "title"
    default_sort: ClassVar[str] = "title"
    date_ranges = (("available_from", "available_until"),)
    __table_args__ = (CheckConstraint("capacity >= 0", name="capacity_not_negative"),)

    member_id: Mapped[str] = mapped_column(
        String(36), member_fk(), nullable=False, index=True, info=label("提供单位", "Offering member", ref="member")
    )
    resource_kind: Mapped[ResourceKind] = mapped_column(
        enum_type(ResourceKind), nullable=False, index=True, info=label("资源类型", "Kind")
    )
    title: Mapped[str] = mapped_column(String(200), nullable=False, info=label("资源名称", "Title"))
    title_en: Mapped[str | None] = mapped_column(String(300), info=label("英文名称", "English title"))
    capacity: Mapped[float | None] = mapped_column(Float, info=label("数量", "Capacity", maximum=QUANTITY_MAX))
    capacity_unit: Mapped[str | None] = mapped_column(String(40), info=label("单位", "Unit"))
    terms: Mapped[ResourceTerms] = mapped_column(
        enum_type(ResourceTerms), nullable=False, default=ResourceTerms.NEGOTIABLE, info=label("共享条件", "Terms")
    )
    available_from: Mapped[date | None] = mapped_column(Date, info=label("可用起始", "Available from"))
    available_until: Mapped[date | None] = mapped_column(Date, info=label("可用截止", "Available until"))
    status: Mapped[OfferStatus] = mapped_column(
        enum_type(OfferStatus), nullable=False, default=OfferStatus.OPEN, index=True, info=label("状态", "Status")
    )
    description: Mapped[str | None] = mapped_column(Text, info=label("说明", "Description", max_length=LONG_TEXT))


class ResourceRequest(SyncedRecord, Base):
    """A member's request for another member's offer. Owned by the requester; the offering member decides it."""

    __tablename__ = "resource_requests"
    kind: ClassVar[str] = "resource_request"
    kind_name: ClassVar[KindName] = KindName("资源申请", "Resource request", "Resource requests")
    owner_column: ClassVar[str | None] = "member_id"
    search_columns = ("purpose",)
    title_column: ClassVar[str] = "purpose"
    default_sort: ClassVar[str] = "requested_on"
    __table_args__ = (CheckConstraint("quantity >= 0", name="quantity_not_negative"),)

    offer_id: Mapped[str] = mapped_column(
        String(36),
        ForeignKey("resource_offers.id", ondelete="RESTRICT"),
        nullable=False,
        index=True,
        info=label("资源", "Offer", ref="resource_offer"),
    )
    member_id: Mapped[str] = mapped_column(
        String(36), member_fk(), nullable=False, index=True, info=label("需求单位", "Requesting member", ref="member")
    )
    quantity: Mapped[float | None] = mapped_column(Float, info=label("需求数量", "Quantity", maximum=QUANTITY_MAX))
    purpose: Mapped[str | None] = mapped_column(Text, info=label("用途", "Purpose", max_length=LONG_TEXT))
    status: Mapped[RequestStatus] = mapped_column(
        enum_type(RequestStatus),
        nullable=False,
        default=RequestStatus.PENDING,
        index=True,
        info=label("状态", "Status"),
    )
    requested_on: Mapped[date | None] = mapped_column(Date, info=label("申请日期", "Requested on"))
    decided_on: Mapped[date | None] = mapped_column(Date, info=label("处理日期", "Decided on"))
    # The offering member, copied from the offer so permissions can be checked without a lookup.
    offer_member_id: Mapped[str | None] = mapped_column(
        String(36), index=True, info=label("提供单位", "Offering member", ref="member", derived=True)
    )


# Every synced record kind, in the order a fresh replica must create them (parents before children).
RECORD_TYPES: tuple[type[SyncedRecord], ...] = (
    Member,
    Contact,
    Project,
    ProjectPartner,
    ResourceOffer,
    ResourceRequest,
    LabPartnership,
    LabPartner,
    Event,
    Attendance,
    AnnualFigures,
    Narrative,
)
RECORDS_BY_KIND: dict[str, type[SyncedRecord]] = {t.kind: t for t in RECORD_TYPES}
RECORDS_BY_TABLE: dict[str, type[SyncedRecord]] = {t.__tablename__: t for t in RECORD_TYPES}  # type: ignore[attr-defined]
