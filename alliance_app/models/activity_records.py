"""The records of what members do together beyond projects and shared resources: joint labs and their partner
members, events and their check-ins, and each member's annual figures. Declared like models/records.py."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from alliance_app.models.base import Base, KindName, Parent, SyncedRecord
from alliance_app.models.columns import (
    COUNT_MAX,
    EMPLOYEES_MAX,
    LONG_TEXT,
    NOTES_TEXT,
    WAN_YUAN_MAX,
    YI_YUAN_MAX,
    enum_type,
    label,
    live_unique,
    member_fk,
)
from alliance_app.models.enums import (
    EventKind,
    LabKind,
    LabStatus,
)


class LabPartnership(SyncedRecord, Base):
    __tablename__ = "lab_partnerships"
    kind: ClassVar[str] = "lab_partnership"
    kind_name: ClassVar[KindName] = KindName("实验室合作", "Lab partnership", "Lab partnerships")
    owner_column: ClassVar[str | None] = "lead_member_id"
    search_columns = ("name", "name_en")
    title_column: ClassVar[str] = "name"
    default_sort: ClassVar[str] = "name"
    __table_args__ = (CheckConstraint("patents >= 0 AND papers >= 0 AND standards >= 0", name="outputs_not_negative"),)

    lead_member_id: Mapped[str] = mapped_column(
        String(36), member_fk(), nullable=False, index=True, info=label("牵头单位", "Lead member", ref="member")
    )
    name: Mapped[str] = mapped_column(String(200), nullable=False, info=label("实验室名称", "Name"))
    name_en: Mapped[str | None] = mapped_column(String(300), info=label("英文名称", "English name"))
    lab_kind: Mapped[LabKind] = mapped_column(
        enum_type(LabKind), nullable=False, default=LabKind.JOINT_LAB, info=label("合作类型", "Kind")
    )
    established_on: Mapped[date | None] = mapped_column(Date, info=label("成立日期", "Established on"))
    domains: Mapped[list[str]] = mapped_column(
        JSON, nullable=False, default=list, info=label("重点领域", "Domains", domains=True)
    )
    status: Mapped[LabStatus] = mapped_column(
        enum_type(LabStatus), nullable=False, default=LabStatus.ACTIVE, index=True, info=label("状态", "Status")
    )
    patents: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, info=label("专利", "Patents", maximum=COUNT_MAX)
    )
    papers: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, info=label("论文", "Papers", maximum=COUNT_MAX)
    )
    standards: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, info=label("标准", "Standards", maximum=COUNT_MAX)
    )
    description: Mapped[str | None] = mapped_column(Text, info=label("简介", "Description", max_length=LONG_TEXT))


class LabPartner(SyncedRecord, Base):
    __tablename__ = "lab_partners"
    kind: ClassVar[str] = "lab_partner"
    kind_name: ClassVar[KindName] = KindName("实验室合作单位", "Lab partner", "Lab partners")
    parent: ClassVar[Parent | None] = Parent("lab_partnership", "lab_id", partner_list=True)
    owner_column: ClassVar[str | None] = None  # owned by the lab's lead member
    title_column: ClassVar[str] = "member_id"
    default_sort: ClassVar[str] = "member_id"
    link_columns: ClassVar[tuple[str, ...]] = ("lab_id", "member_id")
    __table_args__ = (live_unique("uq_lab_partners_live", "lab_id", "member_id"),)

    lab_id: Mapped[str] = mapped_column(
        String(36),
        ForeignKey("lab_partnerships.id", ondelete="RESTRICT"),
        nullable=False,
        index=True,
        info=label("实验室", "Lab", ref="lab_partnership"),
    )
    member_id: Mapped[str] = mapped_column(
        String(36), member_fk(), nullable=False, index=True, info=label("合作单位", "Partner member", ref="member")
    )


class Event(SyncedRecord, Base):
    __tablename__ = "events"
    kind: ClassVar[str] = "event"
    kind_name: ClassVar[KindName] = KindName("活动", "Event", "Events")
    owner_column: ClassVar[str | None] = "organiser_member_id"
    search_columns = ("title", "title_en", "venue")
    title_column: ClassVar[str] = "title"
    default_sort: ClassVar[str] = "starts_on"
    date_ranges = (("starts_on", "ends_on"),)

    organiser_member_id: Mapped[str] = mapped_column(
        String(36), member_fk(), nullable=False, index=True, info=label("主办单位", "Organiser", ref="member")
    )
    title: Mapped[str] = mapped_column(String(200), nullable=False, info=label("活动名称", "Title"))
    title_en: Mapped[str | None] = mapped_column(String(300), info=label("英文名称", "English title"))
    event_kind: Mapped[EventKind] = mapped_column(
        enum_type(EventKind), nullable=False, default=EventKind.FORUM, info=label("活动类型", "Kind")
    )
    starts_on: Mapped[date] = mapped_column(Date, nullable=False, index=True, info=label("开始日期", "Starts on"))
    ends_on: Mapped[date | None] = mapped_column(Date, info=label("结束日期", "Ends on"))
    city: Mapped[str | None] = mapped_column(String(40), info=label("城市", "City", city=True))
    venue: Mapped[str | None] = mapped_column(String(200), info=label("地点", "Venue"))
    description: Mapped[str | None] = mapped_column(Text, info=label("简介", "Description", max_length=LONG_TEXT))
    notes: Mapped[str | None] = mapped_column(Text, info=label("现场记录", "Notes", max_length=NOTES_TEXT))


class Attendance(SyncedRecord, Base):
    """One person checked in at an event; owned by the attending member."""

    __tablename__ = "attendance"
    kind: ClassVar[str] = "attendance"
    kind_name: ClassVar[KindName] = KindName("签到记录", "Check-in", "Check-ins")
    parent: ClassVar[Parent | None] = Parent("event", "event_id", owns_link=False)
    owner_column: ClassVar[str | None] = "member_id"
    search_columns = ("attendee_name",)
    title_column: ClassVar[str] = "attendee_name"
    default_sort: ClassVar[str] = "attendee_name"
    link_columns: ClassVar[tuple[str, ...]] = ("event_id", "member_id", "attendee_name")
    __table_args__ = (live_unique("uq_attendance_live", "event_id", "member_id", "attendee_name"),)

    event_id: Mapped[str] = mapped_column(
        String(36),
        ForeignKey("events.id", ondelete="RESTRICT"),
        nullable=False,
        index=True,
        info=label("活动", "Event", ref="event"),
    )
    member_id: Mapped[str] = mapped_column(
        String(36), member_fk(), nullable=False, index=True, info=label("参会单位", "Member", ref="member")
    )
    contact_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("contacts.id", ondelete="SET NULL"), info=label("联系人", "Contact", ref="contact")
    )
    attendee_name: Mapped[str] = mapped_column(String(60), nullable=False, info=label("参会人", "Attendee"))
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime, info=label("签到时间", "Checked in at"))
    note: Mapped[str | None] = mapped_column(String(400), info=label("备注", "Note"))


class AnnualFigures(SyncedRecord, Base):
    """A member's annual figures, as filed for one year: the inputs of the report's progress-against-targets section."""

    __tablename__ = "annual_figures"
    kind: ClassVar[str] = "annual_figures"
    kind_name: ClassVar[KindName] = KindName("年度数据", "Annual figures", "Annual figures")
    owner_column: ClassVar[str | None] = "member_id"
    title_column: ClassVar[str] = "year"
    default_sort: ClassVar[str] = "year"
    link_columns: ClassVar[tuple[str, ...]] = ("member_id", "year")
    __table_args__ = (
        live_unique("uq_annual_figures_live", "member_id", "year"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
        CheckConstraint(
            "ai_core_revenue >= 0 AND rd_spend >= 0 AND patents >= 0 AND employees >= 0 AND dues >= 0",
            name="figures_not_negative",
        ),
    )

    member_id: Mapped[str] = mapped_column(
        String(36), member_fk(), nullable=False, index=True, info=label("成员单位", "Member", ref="member")
    )
    year: Mapped[int] = mapped_column(Integer, nullable=False, index=True, info=label("年度", "Year"))
    ai_core_revenue: Mapped[float | None] = mapped_column(
        Float,
        info=label("人工智能核心产业收入（亿元）", "AI core revenue (100M CNY)", unit="亿元", maximum=YI_YUAN_MAX),
    )
    rd_spend: Mapped[float | None] = mapped_column(
        Float, info=label("研发投入（万元）", "R&D spend (10k CNY)", unit="万元", maximum=WAN_YUAN_MAX)
    )
    patents: Mapped[int | None] = mapped_column(Integer, info=label("专利数", "Patents", maximum=COUNT_MAX))
    employees: Mapped[int | None] = mapped_column(Integer, info=label("员工数", "Employees", maximum=EMPLOYEES_MAX))
    dues: Mapped[float | None] = mapped_column(
        Float, info=label("会费（万元）", "Membership dues (10k CNY)", unit="万元", maximum=WAN_YUAN_MAX)
    )
    dues_paid: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, info=label("会费已缴", "Dues paid"))
