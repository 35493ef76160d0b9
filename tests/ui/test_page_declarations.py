"""Pages declare their own key, title and abilities; the window's navigation, shortcuts and menus follow them."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from alliance_app.ui.main_window import MainWindow
from alliance_app.ui.navigation import DESK_PAGES
from alliance_app.ui.page_info import Ability, PageInfo, page_info


class NoticesPage(QWidget):
    """A page a later release might add: one class, one line in the page list."""

    PAGE = PageInfo("notices", "Alliance notices", Ability.SEARCH)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.searched = 0
        QVBoxLayout(self).addWidget(QLabel("<h2>Alliance notices</h2>", self))

    def focus_search(self) -> None:
        self.searched += 1


def go_action(window: MainWindow, title: str):
    go_menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and "Go" in a.text().replace("&", ""))
    return next(a for a in go_menu.actions() if a.text() == title)


def test_a_page_added_by_declaration_appears_in_the_navigation_with_its_title_and_shortcut(
    open_window, small_alliance, qtbot
):
    folder, _ids = small_alliance
    desk_app = open_window(folder, lang="en")
    window = MainWindow(desk_app.workspace, pages=(*DESK_PAGES, NoticesPage))
    qtbot.addWidget(window)
    window.show()
    sidebar = window.sidebar.model()
    assert sidebar.rowCount() == len(DESK_PAGES) + 1
    assert sidebar.data(sidebar.index(len(DESK_PAGES), 0)) == "Alliance notices"
    action = go_action(window, "Alliance notices")
    assert action.shortcut() == QKeySequence(f"Ctrl+{len(DESK_PAGES) + 1}")
    action.trigger()
    page = window.stack.current_page()
    assert isinstance(page, NoticesPage) and window.current_key() == "notices"
    assert window.find_action.isEnabled() and not window.new_action.isEnabled()  # as it declared
    window.find_action.trigger()
    assert page.searched == 1
    window.new_action.trigger()  # disabled, and the page has no new_record to call
    window.sidebar.select(0)  # choosing in the sidebar leads to the page declared first
    assert window.current_key() == page_info(DESK_PAGES[0]).key
    window.save_state()
    assert desk_app.workspace.state.value("window/page") == "dashboard"
    window.close()


def test_the_desk_pages_come_from_their_declarations(open_window, small_alliance):
    folder, _ids = small_alliance
    window = open_window(folder, lang="zh").window
    declared = [page_info(p) for p in DESK_PAGES]
    assert window.page_keys == [d.key for d in declared]
    assert window.page_names() == ["总览", "成员单位", "项目", "资源共享", "实验室合作", "活动", "报告", "同步"]
    for index, info in enumerate(declared):
        page = window.show_page(info.key)
        assert window.sidebar.currentIndex().row() == index
        assert window.new_action.isEnabled() == info.can(Ability.NEW_RECORD)
        assert window.find_action.isEnabled() == info.can(Ability.SEARCH)
        assert isinstance(page, DESK_PAGES[index])
    lists = {info.kind: info.key for info in declared if info.can(Ability.SHOW_RECORDS)}
    assert lists == {
        "member": "members",
        "project": "projects",
        "resource_offer": "resources",
        "lab_partnership": "labs",
        "event": "events",
    }


def test_a_page_that_declares_an_ability_it_lacks_is_refused_when_the_window_is_built(open_window, small_alliance):
    class Boasting(QWidget):
        PAGE = PageInfo("boasting", "Boasting", Ability.NEW_RECORD)

    class Undeclared(QWidget):
        pass

    folder, _ids = small_alliance
    desk_app = open_window(folder)
    with pytest.raises(TypeError, match="new_record"):
        MainWindow(desk_app.workspace, pages=(*DESK_PAGES, Boasting))
    with pytest.raises(TypeError, match="declares no PAGE"):
        MainWindow(desk_app.workspace, pages=(*DESK_PAGES, Undeclared))
    with pytest.raises(ValueError, match="members"):
        MainWindow(desk_app.workspace, pages=(*DESK_PAGES, DESK_PAGES[1]))
