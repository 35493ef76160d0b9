"""The closing sections: the member directory (every member on the year's roll) and the data notes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from alliance_app.models.enums import AllianceRole, MemberKind, MemberStatus
from alliance_app.reports import charts
from alliance_app.reports.blocks import warning_box
from alliance_app.reports.context import ReportContext
from alliance_app.reports.figures import AllianceFigures, DirectoryEntry
from alliance_app.reports.layout import cell, para, table, two_line_cell
from alliance_app.reports.numbers import integer
from alliance_app.reports.text import Words


def directory(ctx: ReportContext) -> list[Any]:
    w, f, m = ctx.words, ctx.figures, ctx.figures.members
    slices = [(MemberKind(c).label(ctx.lang), n) for c, n in m.by_kind.items()]
    cities = [[ctx.city(city) if city else w("t_not_given"), integer(n)] for city, n in m.by_city.items()]
    roles = [[AllianceRole(c).label(ctx.lang), integer(n)] for c, n in m.by_role.items()]
    half = ctx.width / 2 - 6
    side = ctx.pairs_table(w("t_city"), cities, half) + ctx.pairs_table(w("t_role"), roles, half)
    pie = charts.pie(ctx.styles.regular, ctx.width * 0.5, 120, slices)
    story = [*ctx.block("h_composition", ctx.chart_beside(pie, side))]
    if not f.directory:
        return [*story, *ctx.block("h_roll", para(w.say("no_members"), ctx.styles, "note"))]
    rows = [_directory_row(ctx, i, entry) for i, entry in enumerate(f.directory, 1)]
    head = [w("t_no"), w("t_member"), w("t_kind"), w("t_role"), w("t_city"), w("t_joined")]
    return [
        *story,
        *ctx.long_table_heading("h_roll"),
        para(w.say("directory_intro", year=f.year, count=integer(len(f.directory))), ctx.styles, "note"),
        *table(head, rows, _directory_widths(ctx, head), ctx.styles),
        para(w("t_ai_mark"), ctx.styles, "note"),
    ]


def _directory_widths(ctx: ReportContext, head: list[str]) -> list[float]:
    """The name column takes what the number, kind, role, city and date columns leave (sized from content)."""
    f = ctx.figures
    joined = [ctx.words.date(e.joined_on) for e in f.directory]
    cities = [ctx.place(e.city) for e in f.directory]
    widths = ctx.widths(0.065, 0.445, 0.13, 0.13, 0.09, 0.14)
    roles = [AllianceRole(e.role).label(ctx.lang) for e in f.directory]
    kinds = [MemberKind(e.kind).label(ctx.lang) for e in f.directory]
    columns = {2: [*kinds, head[2]], 3: [*roles, head[3]], 4: [*cities, head[4]], 5: [*joined, head[5]]}
    return ctx.fit(widths, columns, give=1)


def _directory_row(ctx: ReportContext, number: int, entry: DirectoryEntry) -> list[Any]:
    name, other = ctx.name(entry.name_zh, entry.name_en)
    if entry.ai_high_tech:
        name += "\u00a0★"  # no-break space: the mark never stands alone on a line
    if entry.status != MemberStatus.ACTIVE.value:
        status = MemberStatus(entry.status).label(ctx.lang)
        name += f"（{status}）" if ctx.lang == "zh" else f" ({status})"
    return [
        str(number),
        two_line_cell(name, other, ctx.styles),
        MemberKind(entry.kind).label(ctx.lang),
        AllianceRole(entry.role).label(ctx.lang),
        ctx.place(entry.city),
        ctx.words.date(entry.joined_on),
    ]


def warnings(words: Words, figures: AllianceFigures, missing: Sequence[str]) -> list[str]:
    """What the reader must know before trusting or sharing the figures, in the edition's language."""
    found = []
    if figures.provisional:
        as_of = words.as_of(figures.as_of, True)
        found.append(words.say("warn_provisional", year=figures.year, as_of=as_of))
    if figures.demo:
        found.append(words.say("warn_demo"))
    if figures.pending_edits:
        found.append(words.say("warn_pending", count=integer(figures.pending_edits)))
    if figures.rejected_edits:
        found.append(words.say("warn_rejected", count=integer(figures.rejected_edits)))
    if missing:
        found.append(words.say("warn_missing", chars=" ".join(missing)))
    return found


def notes(ctx: ReportContext) -> list[Any]:
    w, f = ctx.words, ctx.figures
    story: list[Any] = []
    found = warnings(w, f, ctx.missing)
    if found:
        story.append(warning_box(found, ctx.styles, ctx.width))
    synced = f.last_synced_at
    as_of = w.say("as_of_synced", time=synced.replace("T", " ")[:19]) if synced else w.say("as_of_never")
    story += [ctx.sub("h_sources"), para(as_of, ctx.styles)]
    story.append(para(w.say("computed_at", time=f.computed_at.replace("T", " ")), ctx.styles))
    later = f.projects.in_store - f.projects.total
    story.append(para(w.say("store_projects", in_store=integer(f.projects.in_store), later=integer(later)), ctx.styles))
    if f.resources.undated_requests:
        story.append(para(w.say("undated_requests", count=integer(f.resources.undated_requests)), ctx.styles))
    story += glossary(ctx)
    story.append(ctx.sub("h_target_measures"))
    for t in f.targets:
        measure = (t.target.measure_zh if ctx.lang == "zh" else t.target.measure_en) or w.say("targets_unmeasured")
        goal = t.target.goal_text(ctx.lang)
        line = f"{t.target.zh}（{goal}）：{measure}" if ctx.lang == "zh" else f"{t.target.en} ({goal}): {measure}"
        story.append(para(line, ctx.styles))
    return story


def glossary(ctx: ReportContext) -> list[Any]:
    """The rules every figure shares, then each figure's label and definition: the sentences of definitions.py,
    the same ones the tally counts by."""
    from alliance_app.reports.definitions import FIGURES, GENERAL

    w = ctx.words
    rules = [para(pair[w.index], ctx.styles) for pair in GENERAL]
    rows = [[cell(f.label(ctx.lang), ctx.styles), cell(f.definition(ctx.lang), ctx.styles)] for f in FIGURES]
    terms = table([w("t_indicator"), w("t_definition")], rows, ctx.widths(0.26, 0.74), ctx.styles)
    return [ctx.sub("h_rules"), *rules, *ctx.long_table_heading("h_glossary"), *terms]
