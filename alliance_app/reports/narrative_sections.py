"""The report's written sections, typeset: foreword, the year's work, chronicle, governance, financial summary,
problems met and next year's plan.

Each composer returns the section's flowables, or None when there is nothing to print (a section nobody wrote and
the records say nothing about): the report then leaves the section out, and the build's warnings name it. The
chronicle starts from the year's events; governance counts the year's assemblies and council meetings; the
financial summary states the dues from the members' annual figures: the secretariat's words come beside them.
The English edition prints a section without English text in Chinese, under a line saying it is not translated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alliance_app.models.enums import EventKind, NarrativeSection
from alliance_app.reports.context import ReportContext
from alliance_app.reports.layout import para
from alliance_app.reports.narrative import Block, Entry, Items, Narratives, blocks, chronicle
from alliance_app.reports.numbers import integer, money, singular_after_one

WORDS: dict[str, tuple[str, str]] = {
    "untranslated": (
        "暂无英文",
        "Not yet translated (暂无英文): the secretariat has written this section in Chinese only; the Chinese "
        "text follows.",
    ),
    "untranslated_entries": (
        "暂无英文",
        "Not yet translated (暂无英文): the secretariat's entries below are in Chinese only.",
    ),
    "from_events": (
        "本年活动据活动记录列入（加“◆”者）。",
        "Events of the year (marked ◆) are taken from the event records.",
    ),
    "meetings": (
        "据活动记录，{during}联盟{assemblies}、{councils}。",
        "According to the event records, the alliance held {assemblies} and {councils} {during}.",
    ),
    # (none, one, more) of each kind of meeting, as the sentence above counts them
    "assemblies": (
        "未召开会员大会|召开会员大会 1 次|召开会员大会 {n} 次",
        "no general assembly|1 general assembly|{n} general assemblies",
    ),
    "councils": (
        "未召开理事会会议|召开理事会会议 1 次|召开理事会会议 {n} 次",
        "no council meeting|1 council meeting|{n} council meetings",
    ),
    "dues": (
        "据成员单位填报的年度数据，{year} 年应缴会费 {owed}，已缴 {paid}（{paid_members} 家单位），"
        "尚未缴纳的单位 {unpaid} 家。",
        "According to the members' annual figures, dues of {owed} were owed for {year} and {paid} paid "
        "({paid_members} members); {unpaid} members have not paid.",
    ),
    "preview_empty": (
        "本部分尚无内容，不会出现在报告中。",
        "Nothing to print yet: the report will leave this part out.",
    ),
    "dues_not_reported": (
        "{year} 年的会费尚无成员单位填报。",
        "No member has reported its dues for {year} yet.",
    ),
}


def _say(ctx: ReportContext, key: str, **values: object) -> str:
    text = WORDS[key][ctx.words.index].format(**values)
    return text if ctx.lang == "zh" else singular_after_one(text)


def _item(ctx: ReportContext, text: str) -> Any:
    from reportlab.platypus import Paragraph

    from alliance_app.reports.layout import xml

    return Paragraph(xml(text), ctx.styles.cell("item", text), bulletText="•")


def _typeset(ctx: ReportContext, found: list[Block]) -> list[Any]:
    story: list[Any] = []
    for block in found:
        if isinstance(block, Items):
            story += [_item(ctx, item) for item in block.items]
        else:
            story.append(para(block, ctx.styles, "body"))
    return story


def _written(ctx: ReportContext, section: NarrativeSection) -> list[Any]:
    """The secretariat's text of `section` in this edition; in English, the Chinese under a mark when untranslated."""
    text = ctx.narratives.get(section)
    if text is None:
        return []
    own = text.text(ctx.lang)
    if own is not None:
        return _typeset(ctx, blocks(own))
    return [para(_say(ctx, "untranslated"), ctx.styles, "note"), *_typeset(ctx, blocks(text.text_zh))]


def _plain(section: NarrativeSection) -> Callable[[ReportContext], list[Any] | None]:
    def compose(ctx: ReportContext) -> list[Any] | None:
        return _written(ctx, section) or None

    return compose


foreword = _plain(NarrativeSection.FOREWORD)
work = _plain(NarrativeSection.WORK)
problems = _plain(NarrativeSection.PROBLEMS)
plan = _plain(NarrativeSection.PLAN)


def _event_entries(ctx: ReportContext) -> list[Entry]:
    from datetime import date

    entries = []
    for event in ctx.figures.events.listed:
        title = event.title_en if ctx.lang == "en" and event.title_en else event.title
        entries.append(Entry(date.fromisoformat(event.starts_on[:10]), title, is_event=True))
    return entries


def chronicle_section(ctx: ReportContext) -> list[Any] | None:
    """The year's events and the secretariat's dated entries in the order of their days."""
    text = ctx.narratives.get(NarrativeSection.CHRONICLE)
    own = text.text(ctx.lang) if text is not None else None
    source = own if own is not None else (text.text_zh if text is not None else "")
    paragraphs, entries = chronicle(_event_entries(ctx), blocks(source), ctx.figures.year)
    if not paragraphs and not entries:
        return None
    story: list[Any] = []
    if text is not None and own is None:
        story.append(para(_say(ctx, "untranslated_entries"), ctx.styles, "note"))
    story += [para(p, ctx.styles, "body") for p in paragraphs]
    for entry in entries:
        mark = "◆ " if entry.is_event else ""
        day = ctx.words.date(entry.day) if entry.day is not None else ""
        separator = "　" if ctx.lang == "zh" else " — "
        story.append(para(f"{day}{separator if day else ''}{mark}{entry.text}", ctx.styles, "entry"))
    if any(e.is_event for e in entries):
        story.append(para(_say(ctx, "from_events"), ctx.styles, "note"))
    return story


def _during(ctx: ReportContext) -> str:
    """The period as the middle of the meetings sentence: "in 2025", "in 2026, up to 29 November 2026"."""
    f = ctx.figures
    text = ctx.words.during(f.year, f.as_of, f.provisional)
    return text if ctx.lang == "zh" else "i" + text[1:].rstrip(",")


def _counted(ctx: ReportContext, key: str, n: int) -> str:
    none, one, more = WORDS[key][ctx.words.index].split("|")
    return none if n == 0 else one if n == 1 else more.format(n=integer(n))


def governance(ctx: ReportContext) -> list[Any] | None:
    """Assemblies and council meetings from the event records, then the secretariat's account of decisions."""
    by_kind = ctx.figures.events.by_kind
    assemblies = by_kind.get(str(EventKind.GENERAL_ASSEMBLY), 0)
    councils = by_kind.get(str(EventKind.COUNCIL), 0)
    written = _written(ctx, NarrativeSection.GOVERNANCE)
    if not written and not assemblies and not councils:
        return None
    meetings = _say(
        ctx,
        "meetings",
        during=_during(ctx),
        assemblies=_counted(ctx, "assemblies", assemblies),
        councils=_counted(ctx, "councils", councils),
    )
    return [para(meetings, ctx.styles, "lead"), *written]


def finance(ctx: ReportContext) -> list[Any] | None:
    """The dues of the year from the members' annual figures, then the secretariat's account of spending."""
    a = ctx.figures.annual
    written = _written(ctx, NarrativeSection.FINANCE)
    if a.dues_total is None:
        if not written:
            return None
        return [para(_say(ctx, "dues_not_reported", year=a.year), ctx.styles, "lead"), *written]
    dues = _say(
        ctx,
        "dues",
        year=a.year,
        owed=money(a.dues_total, ctx.lang),
        paid=money(a.dues_paid_amount, ctx.lang),
        paid_members=integer(a.dues_paid_members or 0),
        unpaid=integer(a.dues_unpaid_members or 0),
    )
    return [para(dues, ctx.styles, "lead"), *written]


def reminders(edition: str, narratives: Narratives, lang: str | None = None) -> list[str]:
    """What the secretariat has not written (or, for the English edition, not translated) for this year: said
    when the report is made, not printed in it; in `lang` (default: the edition's language)."""
    lang = lang or edition
    index = 0 if lang == "zh" else 1
    found = []
    unwritten = narratives.unwritten()
    if unwritten:
        names = ("、" if lang == "zh" else ", ").join(s.label(lang) for s in unwritten)
        found.append(REMINDERS["unwritten"][index].format(year=narratives.year, sections=names))
    untranslated = narratives.untranslated() if edition == "en" else []
    if untranslated:
        names = ("、" if lang == "zh" else ", ").join(s.label(lang) for s in untranslated)
        found.append(REMINDERS["untranslated"][index].format(sections=names))
    return found


REMINDERS = {
    "unwritten": (
        "秘书处尚未撰写 {year} 年的：{sections}；没有内容的部分不出现在报告中。",
        "The secretariat has not yet written these parts for {year}: {sections}. Parts with nothing to print are "
        "left out of the report.",
    ),
    "untranslated": (
        "以下部分尚无英文，英文版印出中文：{sections}。",
        "Not yet translated, printed in Chinese: {sections}.",
    ),
}


# Section key → composer, for pdf.py's order of sections.
COMPOSERS: dict[NarrativeSection, Callable[[ReportContext], list[Any] | None]] = {
    NarrativeSection.FOREWORD: foreword,
    NarrativeSection.WORK: work,
    NarrativeSection.CHRONICLE: chronicle_section,
    NarrativeSection.GOVERNANCE: governance,
    NarrativeSection.FINANCE: finance,
    NarrativeSection.PROBLEMS: problems,
    NarrativeSection.PLAN: plan,
}
