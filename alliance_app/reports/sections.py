"""The report's activity sections: overview, targets, projects, resource sharing, labs, events and outputs."""

from __future__ import annotations

from typing import Any

from alliance_app.models.enums import (
    Domain,
    EventKind,
    LabKind,
    LabStatus,
    OfferStatus,
    ProjectKind,
    ProjectStatus,
    RequestStatus,
    ResourceKind,
    ResourceTerms,
)
from alliance_app.reports import charts
from alliance_app.reports.blocks import kpi_grid, warning_box
from alliance_app.reports.context import ReportContext
from alliance_app.reports.layout import cell, para, table, two_line_cell
from alliance_app.reports.numbers import amount, change, integer, money, percent

DESCRIPTION_CHARS = 140  # a major project's description is cut here (the full text lives in the record)
LAB_WIDTHS = {"zh": (0.33, 0.19, 0.14, 0.1, 0.08, 0.08, 0.08), "en": (0.265, 0.19, 0.14, 0.1, 0.1, 0.09, 0.115)}


def overview(ctx: ReportContext) -> list[Any]:
    from reportlab.platypus import Spacer

    w, f, k, p = ctx.words, ctx.figures, ctx.figures.key, ctx.figures.previous
    summary = w.say(
        "overview",
        as_of=ctx.as_of,
        members=integer(k.members),
        joined=integer(f.members.joined),
        withdrawn=integer(f.members.withdrawn),
        projects=integer(k.projects),
        demonstration=integer(k.demonstration),
        new_projects=integer(f.projects.new),
        offers=integer(k.offers),
        matches=integer(k.matches),
        labs=integer(k.labs_active),
        events=integer(k.events),
        check_ins=integer(k.check_ins),
    )
    story: list[Any] = []
    if f.provisional:
        story.append(warning_box([w.say("provisional", year=f.year, as_of=ctx.as_of)], ctx.styles, ctx.width))
        story.append(Spacer(1, 6))
    cards = [
        (integer(getattr(k, name)), w(label), _delta(ctx, getattr(k, name), getattr(p, name) if p else None))
        for name, label in KPI_CARDS
    ]
    story += [para(summary, ctx.styles, "lead"), *ctx.block("h_kpis", kpi_grid(cards, ctx.styles, ctx.width))]
    story.append(Spacer(1, 4))
    rows = []
    for name, label, is_money in YEAR_ON_YEAR:
        now, before = getattr(k, name), (getattr(p, name) if p else None)
        rows.append(
            [w(label), ctx.shown(before, is_money, p is not None, name=name), ctx.shown(now, is_money, name=name), ""]
        )
        rows[-1][3] = change(ctx.wan(now, name), ctx.wan(before, name), ctx.lang, is_money)
    head = [w("t_indicator"), w("t_previous", year=f.year - 1), w("t_previous", year=k.year), w("t_change")]
    widths = ctx.widths(0.36, 0.19, 0.19, 0.26)
    story += ctx.block("h_yoy", *table(head, rows, widths, ctx.styles, numeric=(1, 2, 3)))
    if p is None:
        story.append(para(w.say("no_previous", year=f.year - 1), ctx.styles, "note"))
    return story


KPI_CARDS = (
    ("members", "k_members"),
    ("ai_high_tech", "k_ai_high_tech"),
    ("projects", "k_projects"),
    ("demonstration", "k_demonstration"),
    ("offers", "k_offers"),
    ("matches", "k_matches"),
    ("labs_active", "k_labs"),
    ("events", "k_events"),
)
YEAR_ON_YEAR: tuple[tuple[str, str, bool], ...] = (
    ("members", "k_members", False),
    ("ai_high_tech", "k_ai_high_tech", False),
    ("projects", "k_projects", False),
    ("demonstration", "k_demonstration", False),
    ("investment", "k_investment", True),
    ("offers", "k_offers", False),
    ("matches", "k_matches", False),
    ("labs_active", "k_labs", False),
    ("events", "k_events", False),
    ("check_ins", "k_check_ins", False),
    ("ai_core_revenue", "k_revenue", True),
)


def _delta(ctx: ReportContext, current: float, previous: float | None) -> str:
    if previous is None:
        return ctx.words("no_alliance") if ctx.lang == "en" else "上年" + ctx.words("no_alliance")
    shown = change(current, previous, ctx.lang)
    if shown == "—":
        return "与上年持平" if ctx.lang == "zh" else "same as last year"
    return ("较上年 " if ctx.lang == "zh" else "vs. last year ") + shown


def progress(ctx: ReportContext) -> list[Any]:
    w, f = ctx.words, ctx.figures
    bar_width = ctx.width * 0.27 - 10
    rows = []
    for t in f.targets:
        unit = t.target.unit_zh if ctx.lang == "zh" else t.target.unit_en
        if t.actual is None:
            actual = w("not_measured") if t.target.measure_zh is None else w("not_reported")
        elif t.target.unit_zh == "亿元":
            actual = money(t.actual * 10_000, ctx.lang)
        else:
            actual = f"{integer(t.actual)} {unit}"
        bar = charts.progress_bar(ctx.styles.regular, bar_width, t.share)
        rows.append([t.target.label(ctx.lang), t.target.goal_text(ctx.lang), actual, bar])
    head = [w("t_target"), w("t_goal"), w("t_actual", year=f.year), w("t_progress")]
    return [
        para(w.say("targets_intro", as_of=ctx.as_of), ctx.styles),
        *table(head, rows, ctx.widths(0.33, 0.19, 0.21, 0.27), ctx.styles, numeric=(2,)),
        para(w.say("targets_unmeasured"), ctx.styles, "note"),
    ]


def projects(ctx: ReportContext) -> list[Any]:
    w, pr = ctx.words, ctx.figures.projects
    summary = w.say(
        "projects_intro",
        as_of=ctx.as_of,
        projects=integer(pr.total),
        domains=sum(1 for n in pr.by_domain.values() if n),
        investment=money(pr.investment_total, ctx.lang),
        with_partners=integer(pr.with_partners),
        links=integer(pr.partner_links),
    )
    statuses = list(ProjectStatus)
    series = [[pr.by_domain_status[str(d)][str(s)] for d in Domain] for s in statuses]
    chart = charts.stacked_bars(
        ctx.styles.regular,
        ctx.width,
        [d.label(ctx.lang) for d in Domain],
        series,
        [s.label(ctx.lang) for s in statuses],
    )
    rows: list[list[Any]] = []
    for d in Domain:
        counts = [pr.by_domain_status[str(d)][str(s)] for s in statuses]
        rows.append([d.label(ctx.lang), *(integer(n) for n in counts), integer(sum(counts))])
    rows.append([w("t_total"), *(integer(pr.by_status[str(s)]) for s in statuses), integer(pr.total)])
    head = [w("t_domain"), *(s.label(ctx.lang) for s in statuses), w("t_total")]
    matrix = table(head, rows, ctx.widths(0.32, *[0.136] * 5), ctx.styles, numeric=(1, 2, 3, 4, 5), total_row=True)
    kinds = ctx.share_table(w("t_kind"), ProjectKind, pr.by_kind, ctx.width * 0.5)
    slices = [(ProjectKind(c).label(ctx.lang), n) for c, n in pr.by_kind.items()]
    return [
        para(summary, ctx.styles),
        *ctx.block("h_domain_chart", chart),
        *ctx.block("h_domain_table", *matrix),
        *ctx.block("h_kind", ctx.chart_beside(charts.pie(ctx.styles.regular, ctx.width * 0.5, 120, slices), kinds)),
        *_major_projects(ctx),
    ]


def _major_projects(ctx: ReportContext) -> list[Any]:
    w, pr = ctx.words, ctx.figures.projects
    if not pr.major:
        return ctx.block("h_major", para(w.say("no_projects"), ctx.styles, "note"))
    rows = []
    for i, line in enumerate(pr.major, 1):
        title, other = ctx.name(line.title, line.title_en)
        description = (line.description or "").strip()
        if len(description) > DESCRIPTION_CHARS:
            description = description[:DESCRIPTION_CHARS].rstrip() + "…"
        project = two_line_cell(title, ctx.original(other), ctx.styles)
        if description and ctx.lang == "en":  # the records keep descriptions in Chinese only: said so, not hidden
            description = "In Chinese only: " + description
        if description:
            project.append(cell(description, ctx.styles, "td_small"))
        lead, _ = ctx.name(line.lead_zh, line.lead_en)
        domain = [cell(Domain(line.domain).label(ctx.lang), ctx.styles)]
        domain.append(cell(ProjectStatus(line.status).label(ctx.lang), ctx.styles, "td_small"))
        rows.append([str(i), project, lead, domain, amount(line.investment)])
    head = [w("t_no"), w("t_project"), w("t_lead"), f"{w('t_domain')} / {w('t_status')}", w("t_investment")]
    major = table(head, rows, ctx.widths(0.06, 0.42, 0.2, 0.17, 0.15), ctx.styles, numeric=(4,))
    return [*ctx.long_table_heading("h_major"), *major]


def resources(ctx: ReportContext) -> list[Any]:
    w, f, r = ctx.words, ctx.figures, ctx.figures.resources
    summary = w.say(
        "resources_intro",
        year=f.year,
        offers=integer(r.offers),
        requests=integer(r.requests),
        requesters=integer(r.requesting_members),
        matches=integer(r.matches),
        rate=percent(r.matches / r.requests if r.requests else None),
    )
    chart = charts.columns(
        ctx.styles.regular,
        ctx.width,
        150,
        [ResourceKind(c).label(ctx.lang) for c in r.offers_by_kind],
        list(r.offers_by_kind.values()),
    )
    half = ctx.width / 2 - 6
    kinds = ctx.share_table(w("t_kind"), ResourceKind, r.offers_by_kind, half)
    status_rows = [[OfferStatus(c).label(ctx.lang), integer(n)] for c, n in r.offers_by_status.items()]
    terms_rows = [[ResourceTerms(c).label(ctx.lang), integer(n)] for c, n in r.offers_by_terms.items()]
    status = ctx.pairs_table(w("t_offer_status"), status_rows, half) + ctx.pairs_table(w("t_terms"), terms_rows, half)
    requests = [[RequestStatus(c).label(ctx.lang), integer(n)] for c, n in r.requests_by_status.items()]
    requests.append([w("t_total"), integer(r.requests)])
    matches = [
        [w("k_matches"), integer(r.matches)],
        [w("t_match_rate"), percent(r.matches / r.requests if r.requests else None)],
    ]
    story = [
        para(summary, ctx.styles),
        *ctx.block("h_offers", chart, ctx.halves(kinds, status)),
        *ctx.block(
            "h_requests",
            ctx.halves(
                ctx.pairs_table(w("t_request_status"), requests, half, total=True),
                ctx.pairs_table(w("t_item"), matches, half),
            ),
        ),
    ]
    if r.undated_requests:
        story.append(para(w.say("undated_requests", count=integer(r.undated_requests)), ctx.styles, "note"))
    return story


def labs(ctx: ReportContext) -> list[Any]:
    w, lb = ctx.words, ctx.figures.labs
    summary = w.say(
        "labs_intro",
        as_of=ctx.as_of,
        labs=integer(lb.total),
        active=integer(lb.by_status.get(str(LabStatus.ACTIVE), 0)),
        planned=integer(lb.by_status.get(str(LabStatus.PLANNED), 0)),
        closed=integer(lb.by_status.get(str(LabStatus.CLOSED), 0)),
        new=integer(lb.new),
        links=integer(lb.partner_links),
        patents=integer(lb.patents),
        papers=integer(lb.papers),
        standards=integer(lb.standards),
    )
    half = ctx.width / 2 - 6
    kinds = ctx.share_table(w("t_kind"), LabKind, lb.by_kind, half)
    status = ctx.share_table(w("t_lab_status"), LabStatus, lb.by_status, half)
    story = [para(summary, ctx.styles), *ctx.block("h_lab_kinds", ctx.halves(kinds, status))]
    if not lb.listed:
        return [*story, *ctx.block("h_lab_list", para(w.say("no_labs"), ctx.styles, "note"))]
    rows = []
    for line in lb.listed:
        name, other = ctx.name(line.name, line.name_en)
        lead, _ = ctx.name(line.lead_zh, line.lead_en)
        outputs = (integer(line.partners), integer(line.patents), integer(line.papers), integer(line.standards))
        kind = [cell(LabKind(line.kind).label(ctx.lang), ctx.styles)]
        kind.append(cell(LabStatus(line.status).label(ctx.lang), ctx.styles, "td_small"))
        rows.append([two_line_cell(name, ctx.original(other), ctx.styles), lead, kind, *outputs])
    head = [
        w("t_lab"),
        w("t_lead"),
        f"{w('t_kind')} / {w('t_status')}",
        w("t_partners"),
        w("t_patents"),
        w("t_papers"),
        w("t_standards"),
    ]
    # no word of a kind, a status or a count's head cut inside (Matchmakin|g): those columns hold their longest word
    words = [word for line in lb.listed for word in LabKind(line.kind).label(ctx.lang).split()]
    words += [word for line in lb.listed for word in LabStatus(line.status).label(ctx.lang).split()]
    columns = {2: words, **{i: head[i].split() for i in (3, 4, 5, 6)}}
    widths = ctx.fit(ctx.widths(*LAB_WIDTHS[ctx.lang]), columns)
    listed = table(head, rows, widths, ctx.styles, numeric=(3, 4, 5, 6))
    story += ctx.long_table_heading("h_lab_list")
    if len(lb.listed) < lb.total:
        story.append(para(w.say("labs_listed", shown=len(lb.listed), total=integer(lb.total)), ctx.styles, "note"))
    return story + listed


def events(ctx: ReportContext) -> list[Any]:
    w, f, ev = ctx.words, ctx.figures, ctx.figures.events
    summary = w.say(
        "events_intro",
        during=w.during(f.year, f.as_of, f.provisional),
        events=integer(ev.total),
        check_ins=integer(ev.check_ins),
        registrations=integer(ev.registrations),
        members=integer(ev.attending_members),
    )
    story = [para(summary, ctx.styles)]
    if not ev.listed:
        return [*story, *ctx.block("h_event_list", para(w.say("no_events"), ctx.styles, "note"))]
    rows = []
    for line in ev.listed:
        title, other = ctx.name(line.title, line.title_en)
        kind = EventKind(line.kind).label(ctx.lang)
        rows.append(
            [two_line_cell(title, ctx.original(other), ctx.styles), kind, w.date(line.starts_on), ctx.place(line.city)]
        )
        rows[-1] += [integer(line.check_ins), integer(line.registrations), integer(line.members)]
    totals = [integer(ev.check_ins), integer(ev.registrations), integer(ev.attending_members)]
    rows.append([w("t_total"), "", "", "", *totals])
    head = [w("t_event"), w("t_kind"), w("t_date"), w("t_city"), w("t_check_ins"), w("t_registrations")]
    head.append(w("t_attending_members"))
    dates = [w.date(line.starts_on) for line in ev.listed]
    cities = [ctx.place(line.city) for line in ev.listed]
    kinds = [word for line in ev.listed for word in EventKind(line.kind).label(ctx.lang).split()]
    widths = ctx.fit(
        ctx.widths(0.31, 0.13, 0.14, 0.09, 0.11, 0.11, 0.11),
        {1: kinds, 2: dates, 3: cities, 4: [head[4]], 5: [head[5]], 6: [head[6]]},
    )
    story += ctx.long_table_heading("h_event_list")
    if len(ev.listed) < ev.total:
        story.append(para(w.say("events_listed", shown=len(ev.listed), total=integer(ev.total)), ctx.styles, "note"))
    return story + table(head, rows, widths, ctx.styles, numeric=(4, 5, 6), total_row=True)


def outputs(ctx: ReportContext) -> list[Any]:
    w, f = ctx.words, ctx.figures
    a, b, lb, pr = f.annual, f.previous_annual, f.labs, f.projects
    half = ctx.width / 2 - 6
    lab_rows = [
        [w("t_patents"), integer(lb.patents)],
        [w("t_papers"), integer(lb.papers)],
        [w("t_standards"), integer(lb.standards)],
        [w("o_new_labs"), integer(lb.new)],
    ]
    project_rows = [
        [w("o_new_projects"), integer(pr.new)],
        [w("o_completed"), integer(pr.completed)],
        [w("k_investment_new"), money(pr.investment_new, ctx.lang)],
    ]
    figures_rows = []
    for name, label, is_money in ANNUAL_ROWS:
        now, before = getattr(a, name), (getattr(b, name) if b else None)
        # A year nobody reported reads 未填报 in every row, its count of reporting members included.
        reported, before_reported = a.reporting_members > 0, b is not None and b.reporting_members > 0
        now, before = (now if reported else None), (before if before_reported else None)
        shown_before = ctx.shown(before, is_money, b is not None, name=name)
        row = [w(label), shown_before, ctx.shown(now, is_money, name=name), ""]
        row[3] = change(ctx.wan(now, name), ctx.wan(before, name), ctx.lang, is_money)
        figures_rows.append(row)
    head = [w("t_indicator"), w("t_previous", year=f.year - 1), w("t_previous", year=a.year), w("t_change")]
    dues = [
        [w("a_dues_total"), ctx.shown(a.dues_total, True, reported=a.reporting_members > 0, name="dues")],
        [w("a_dues_paid_members"), ctx.shown(a.dues_paid_members, False, reported=a.reporting_members > 0)],
        [w("a_dues_paid_amount"), ctx.shown(a.dues_paid_amount, True, reported=a.reporting_members > 0, name="dues")],
        [w("a_dues_unpaid_members"), ctx.shown(a.dues_unpaid_members, False, reported=a.reporting_members > 0)],
    ]
    lab_table = ctx.pairs_table(w("t_item"), lab_rows, half)
    project_table = ctx.pairs_table(w("t_item"), project_rows, half)
    annual_table = table(head, figures_rows, ctx.widths(0.36, 0.19, 0.19, 0.26), ctx.styles, numeric=(1, 2, 3))
    return [
        para(w.say("outputs_intro"), ctx.styles),
        *ctx.block("h_lab_outputs", ctx.halves(lab_table, project_table)),
        *ctx.block("h_member_figures", *annual_table),
        *ctx.block("h_dues", ctx.halves(ctx.pairs_table(w("t_item"), dues, half), [])),
    ]


ANNUAL_ROWS: tuple[tuple[str, str, bool], ...] = (
    ("reporting_members", "a_reporting", False),
    ("ai_core_revenue", "a_revenue", True),
    ("rd_spend", "a_rd", True),
    ("patents", "a_patents", False),
    ("employees", "a_employees", False),
)
