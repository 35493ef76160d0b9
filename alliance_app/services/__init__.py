"""The use cases of Alliance Desk: the only API the desktop window and the CLI call."""

from alliance_app.services.changes import ChangeSet
from alliance_app.services.desk import Desk, StoreStatus, actor_from_settings
from alliance_app.services.queries import Page, RecordQuery
from alliance_app.services.record_save import LinkEdits, RecordNotSaved
from alliance_app.services.writes import PermissionRefused, RecordNotFound

__all__ = [
    "ChangeSet",
    "Desk",
    "LinkEdits",
    "Page",
    "PermissionRefused",
    "RecordNotFound",
    "RecordNotSaved",
    "RecordQuery",
    "StoreStatus",
    "actor_from_settings",
]
