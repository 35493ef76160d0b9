"""The pages of the window, in the order of the sidebar (Ctrl+1 … Ctrl+8). Each page declares its own key, title and
abilities on its class (page_info.py); this tuple only says which pages there are and in what order."""

from __future__ import annotations

from alliance_app.ui.pages.dashboard import DashboardPage
from alliance_app.ui.pages.events import EventsPage
from alliance_app.ui.pages.labs import LabsPage
from alliance_app.ui.pages.members import MembersPage
from alliance_app.ui.pages.projects import ProjectsPage
from alliance_app.ui.pages.reports import ReportsPage
from alliance_app.ui.pages.resources import ResourcesPage
from alliance_app.ui.pages.sync import SyncPage

DESK_PAGES: tuple[type, ...] = (
    DashboardPage,
    MembersPage,
    ProjectsPage,
    ResourcesPage,
    LabsPage,
    EventsPage,
    ReportsPage,
    SyncPage,
)
