"""The dashboard: the alliance's key figures as tiles and charts, and open offers matching a member's projects.

Each tile names its year, its as-of date and its rule (the report's definition sentence); each number on it is a
link that lists exactly the records behind it (records_requested, handled by the main window).

QtCharts is imported when the first figures arrive (from a worker, after the window is shown), not on the way to
the window: it is a tenth of a second of the cold start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from alliance_app.services import ChangeSet, RecordQuery
from alliance_app.ui.dashboard_figures import (
    DEMONSTRATION_TARGET,
    DashboardFigures,
    dashboard_figures,
    matching_offer_ids,
)
from alliance_app.ui.editable_combo import complete_by_any_part
from alliance_app.ui.page_info import Ability, PageInfo
from alliance_app.ui.related_list import RelatedList
from alliance_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView

FIGURES_DELAY_MS = 50  # the window paints first, then the figures start in a worker
CHART_HEIGHT = 480  # 16 domains, each label on its own line
COUNTED_KINDS = frozenset({"member", "project", "resource_offer", "lab_partnership"})
TILE_STYLE = (
    "QFrame#tile { background: white; border: 1px solid #dde2ea; border-radius: 8px; }"
    "QLabel#tileValue { font-size: 22pt; font-weight: bold; color: #1f2d3d; }"
    "QLabel#tileTitle { color: #5a6b7f; }"
    "QLabel#tileRule { color: #7a8797; font-size: 8pt; }"
)
LINK = '<a href="{name}" style="color: #1f2d3d; text-decoration: none;">{text}</a>'
DETAIL_LINK = '<a href="{name}" style="color: #2b5d9c;">{text}</a>'
# tile → (the definition it shows, the record set behind its big number)
TILES = {
    "members": ("members", "members"),
    "projects": ("projects", "projects"),
    "demonstration": ("demonstration", "demonstration"),
    "investment": ("investment", "investment"),
    "offers": ("offers_open", "offers_open"),
    "labs": ("labs_active", "labs_active"),
}


class Tile(QFrame):
    """One key figure: a title naming its year, a big number, a line of detail and the rule it counts by. The
    number and the detail's numbers are links (their href is the name of a record set)."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.setAccessibleName(name)
        self.title = QLabel(self)
        self.title.setObjectName("tileTitle")
        self.title.setWordWrap(True)
        self.value = QLabel("…", self)
        self.value.setObjectName("tileValue")
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.rule = QLabel(self)
        self.rule.setObjectName("tileRule")
        self.rule.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.hide()
        layout = QVBoxLayout(self)
        for widget in (self.title, self.value, self.detail, self.progress, self.rule):
            layout.addWidget(widget)
        layout.addStretch(1)

    def fill(self, title: str, value: str, detail: str = "", rule: str = "") -> None:
        self.title.setText(title)
        self.value.setText(value)
        self.detail.setText(detail)
        self.rule.setText(rule)


class DashboardPage(QScrollArea):
    PAGE = PageInfo("dashboard", str(QT_TRANSLATE_NOOP("MainWindow", "Dashboard")), Ability.OPENS_RECORDS)

    # A number was clicked: show these records (kind, ids, a caption saying which number they make)
    records_requested = Signal(str, object, str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("page_dashboard")
        self.setWidgetResizable(True)
        self.figures: DashboardFigures | None = None
        self.stale = False
        inner = QWidget(self)
        inner.setStyleSheet(TILE_STYLE)
        layout = QVBoxLayout(inner)
        layout.addWidget(QLabel("<h2>" + self.PAGE.display_title() + "</h2>", inner))
        tiles = QGridLayout()
        self.tiles = {
            name: Tile(name, inner) for name in ("members", "projects", "demonstration", "investment", "offers", "labs")
        }
        for i, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, i // 3, i % 3)
            for label in (tile.value, tile.detail):
                label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
                label.linkActivated.connect(self.open_records)
        for column in range(3):
            tiles.setColumnStretch(column, 1)
        layout.addLayout(tiles)
        self.charts = QHBoxLayout()
        self.charts_parent = inner
        self.domain_chart: QChartView | None = None  # made with the first figures
        self.kind_chart: QChartView | None = None
        spacer = QWidget(inner)
        spacer.setMinimumHeight(CHART_HEIGHT)  # the charts' room, so the page does not jump when they come
        self.charts.addWidget(spacer)
        layout.addLayout(self.charts)
        layout.addWidget(self._matching(inner))
        self.setWidget(inner)
        workspace.hub.changed.connect(self.on_changes)
        # After the first paint: the report's figures import pandas and read the whole store in a worker, which
        # would otherwise compete with the window's own start for the interpreter.
        QTimer.singleShot(FIGURES_DELAY_MS, self, self.refresh_figures)
        self.refresh_matches()

    def _chart_views(self) -> tuple[QChartView, QChartView]:
        if self.domain_chart is None or self.kind_chart is None:
            from PySide6.QtCharts import QChartView

            while self.charts.count():
                item = self.charts.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.deleteLater()
            views = []
            for stretch in (3, 2):
                view = QChartView(self.charts_parent)
                view.setRenderHint(QPainter.RenderHint.Antialiasing)
                view.setMinimumHeight(CHART_HEIGHT)
                self.charts.addWidget(view, stretch)
                views.append(view)
            self.domain_chart, self.kind_chart = views
        return self.domain_chart, self.kind_chart

    def _matching(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("<b>" + self.tr("Open offers matching the domains of the projects of") + "</b>", box))
        self.match_member = QComboBox(box)
        self.match_member.setObjectName("matchMember")
        complete_by_any_part(self.match_member)
        for member_id, name in self.workspace.members.choices():
            self.match_member.addItem(name, member_id)
        desk = self.workspace.desk
        leads = desk.ids("member", RecordQuery(filters={"alliance_role": "lead"}))
        shown = desk.actor.member_id or (leads[0] if leads else None)
        self.match_member.setCurrentIndex(max(self.match_member.findData(shown), 0))
        self.match_member.currentIndexChanged.connect(lambda _i: self.refresh_matches())
        row.addWidget(self.match_member, 1)
        layout.addLayout(row)
        self.matches = RelatedList(
            self.workspace, "resource_offer", RecordQuery(filters={"id": []}), {}, "dashboard/matches", box
        )
        self.matches.new_button.hide()  # offers are made on the Resource sharing page
        self.matches.setMinimumHeight(220)
        layout.addWidget(self.matches)
        return box

    def on_changes(self, changes: ChangeSet) -> None:
        if changes.kinds & COUNTED_KINDS:
            self.stale = True
            if self.isVisible():  # else when next shown: the report's figures read the whole store
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        self.refresh_figures()
        self.refresh_matches()

    def refresh_figures(self) -> None:
        self.stale = False
        self.workspace.read(self, dashboard_figures).success(self.show_figures).run()

    def refresh_matches(self) -> None:
        member_id = self.match_member.currentData()
        if not member_id:
            return
        self.workspace.read(self, lambda desk: matching_offer_ids(desk, member_id)).success(
            lambda ids: self.matches.set_query(RecordQuery(filters={"id": ids}, limit=None))
        ).run()

    def show_figures(self, figures: DashboardFigures) -> None:
        from alliance_app.reports.definitions import figure
        from alliance_app.reports.numbers import money

        self.figures = figures
        lang = self.workspace.lang
        sep = " · "

        def linked(name: str, text: str, style: str = LINK) -> str:
            return style.format(name=name, text=text)

        kinds = sep.join(
            f"{k.label(lang)} {linked(f'members:{k.value}', str(n), DETAIL_LINK)}"
            for k, n in figures.members_by_kind.items()
            if n
        )
        statuses = sep.join(
            f"{s.label(lang)} {linked(f'projects:{s.value}', str(n), DETAIL_LINK)}"
            for s, n in figures.projects_by_status.items()
            if n
        )
        invested = len(figures.records.get("investment", ()))
        details = {
            "members": kinds,
            "projects": statuses,
            "demonstration": self.tr("Target: about 100 in five years"),
            "investment": self.tr("Summed over %1 projects with an investment entered").replace(
                "%1", linked("investment", str(invested), DETAIL_LINK)
            ),
        }
        values = {
            "members": str(figures.members),
            "projects": str(figures.projects),
            "demonstration": f"{figures.demonstration_projects} / {DEMONSTRATION_TARGET}",
            "investment": money(figures.investment, lang),
            "offers": str(figures.open_offers),
            "labs": str(figures.active_labs),
        }
        for key, (definition, records) in TILES.items():
            shown = figure(definition)
            self.tiles[key].fill(
                f"{shown.label(lang)}{sep}{self.period_text(figures)}",
                linked(records, values[key]),
                details.get(key, ""),
                shown.definition(lang),
            )
        bar = self.tiles["demonstration"].progress
        bar.setRange(0, DEMONSTRATION_TARGET)
        bar.setValue(min(figures.demonstration_projects, DEMONSTRATION_TARGET))
        bar.show()
        domain_view, kind_view = self._chart_views()
        domain_view.setChart(self._domain_chart(figures))
        kind_view.setChart(self._kind_chart(figures))

    def period_text(self, figures: DashboardFigures) -> str:
        """The year a tile counts and, in a year not over, the day it runs to: "2026年 截至11月29日"."""
        from datetime import date

        day = date.fromisoformat(figures.as_of) if figures.as_of else None
        if self.workspace.lang == "zh":
            return f"{figures.year}年" + (f" 截至{day.month}月{day.day}日" if day and figures.provisional else "")
        return str(figures.year) + (f", to {day.day} {day.strftime('%b')}" if day and figures.provisional else "")

    def open_records(self, name: str) -> None:
        """A number was clicked: ask for exactly the records that make it."""
        figures = self.figures
        if figures is None or name not in figures.records:
            return
        records = figures.records[name]
        caption = self.tr("Dashboard, %1 (%2): %3 records").replace("%1", self.record_set_title(name))
        caption = caption.replace("%2", self.period_text(figures)).replace("%3", str(len(records)))
        self.records_requested.emit(records.kind, list(records.ids), caption)

    def record_set_title(self, name: str) -> str:
        from alliance_app.models import Domain, MemberKind, ProjectStatus
        from alliance_app.reports.definitions import BY_NAME

        lang = self.workspace.lang
        base, _, part = name.partition(":")
        title = BY_NAME[base].label(lang)
        if part.startswith("domain="):
            return f"{title} · {Domain(part.removeprefix('domain=')).label(lang)}"
        if part:
            vocabulary = MemberKind if base == "members" else ProjectStatus
            return f"{title} · {vocabulary(part).label(lang)}"
        return title

    def _domain_chart(self, figures: DashboardFigures) -> QChart:
        from PySide6.QtCharts import (
            QAbstractBarSeries,
            QBarCategoryAxis,
            QBarSet,
            QChart,
            QHorizontalBarSeries,
            QValueAxis,
        )

        lang = self.workspace.lang
        shown = [(d, n) for d, n in figures.projects_by_domain.items() if n][::-1]
        values = QBarSet(self.tr("Projects"))
        values.append([float(n) for _d, n in shown])
        series = QHorizontalBarSeries()
        series.append(values)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        values.setLabelColor(QColor("#1f2d3d"))
        # A bar is a number too: a click lists the projects of that domain.
        values.clicked.connect(lambda index: self.open_records(f"projects:domain={shown[index][0].value}"))
        chart = QChart()
        chart.setFont(self.font())
        chart.setTitleFont(self.font())
        chart.addSeries(series)
        chart.setTitle(self.tr("Projects by domain"))
        axis_y = QBarCategoryAxis()
        axis_y.append([d.label(lang) for d, _n in shown])
        axis_y.setLabelsFont(self.font())
        axis_y.setTruncateLabels(False)  # a domain's name is the point of the row
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        axis_x = QValueAxis()
        axis_x.setLabelFormat("%d")
        axis_x.setLabelsFont(self.font())
        top = max([n for _d, n in shown] + [1])
        axis_x.setRange(0, top * 1.12)  # room for the count after the longest bar
        axis_x.applyNiceNumbers()  # whole, round steps: counts are whole numbers
        if top < 5:
            axis_x.setTickCount(int(top) + 1)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        chart.legend().hide()
        return chart

    def _kind_chart(self, figures: DashboardFigures) -> QChart:
        from PySide6.QtCharts import QChart, QPieSeries

        lang = self.workspace.lang
        series = QPieSeries()
        series.setHoleSize(0.35)
        for kind, n in figures.members_by_kind.items():
            if n:
                piece = series.append(f"{kind.label(lang)} {n}", n)
                piece.setLabelFont(self.font())
        chart = QChart()
        chart.setTitleFont(self.font())
        chart.addSeries(series)
        chart.setTitle(self.tr("Members by kind"))
        chart.legend().setFont(self.font())
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        return chart
