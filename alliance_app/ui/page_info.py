"""What a page of the window says about itself, declared once on its class (as Picard's option pages do): its key,
its title, what it can do. The window builds its navigation, shortcuts and menus from these declarations, so a new
page is one class and one line in navigation.py, and no list is kept in step with another by position."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Flag, auto

from PySide6.QtCore import QCoreApplication

# Page titles are translated in this context (marked with QT_TRANSLATE_NOOP where they are declared).
TITLE_CONTEXT = "MainWindow"


class Ability(Flag):
    """What the window may ask of a page; each one names the method the page then has."""

    NONE = 0
    NEW_RECORD = auto()  # Edit ▸ New record (Ctrl+N) makes a record here: new_record()
    SEARCH = auto()  # Edit ▸ Search (Ctrl+F) goes to its search box: focus_search()
    SHOW_RECORDS = auto()  # a dashboard number opens it on exactly those records: show_only(ids, caption)
    OPENS_RECORDS = auto()  # it asks the window to show records elsewhere: signal records_requested(kind, ids, caption)
    SAVES_STATE = auto()  # it keeps a layout across runs: save_state()
    IMPORT = auto()  # File ▸ Import… (Ctrl+I) brings a spreadsheet's records in here: import_records()
    EXPORT = auto()  # File ▸ Export… (Ctrl+E) saves the records listed here to a file: choose_export_file()


# The member each ability promises; checked when the window is built, so a page that declares more than it has
# fails at once rather than when the user presses the shortcut.
PROMISED = {
    Ability.NEW_RECORD: "new_record",
    Ability.SEARCH: "focus_search",
    Ability.SHOW_RECORDS: "show_only",
    Ability.OPENS_RECORDS: "records_requested",
    Ability.SAVES_STATE: "save_state",
    Ability.IMPORT: "import_records",
    Ability.EXPORT: "choose_export_file",
}


@dataclass(frozen=True)
class PageInfo:
    key: str  # remembered as the page shown last; stable across releases
    title: str  # English source text, translated in TITLE_CONTEXT
    abilities: Ability = Ability.NONE
    kind: str | None = None  # the record kind it lists, for a dashboard number's records

    def display_title(self) -> str:
        return QCoreApplication.translate(TITLE_CONTEXT, self.title)

    def can(self, ability: Ability) -> bool:
        return ability in self.abilities


def page_info(page_type: type) -> PageInfo:
    """The declaration of a page class; refuses a class that promises what it does not have."""
    info = getattr(page_type, "PAGE", None)
    if not isinstance(info, PageInfo):
        raise TypeError(f"{page_type.__name__} declares no PAGE = PageInfo(...)")
    missing = [name for ability, name in PROMISED.items() if info.can(ability) and not hasattr(page_type, name)]
    if missing:
        raise TypeError(f"{page_type.__name__} declares abilities without {', '.join(missing)}")
    return info
