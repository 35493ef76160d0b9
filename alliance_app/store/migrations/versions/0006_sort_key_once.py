"""the pinyin sort key is written once, in the insert: the insert trigger only fills a row inserted without one

0004's trigger wrote every new row a second time (an UPDATE of its sort key after each INSERT): a 10,000-row
import wrote 20,000 rows. The app now writes the key in the insert itself (store/sort_keys.py); the trigger
stays as the safety net for a row inserted without a key (`WHEN NEW.sort_key IS NULL`). Stored keys are kept:
the key's function is the same.

Revision ID: 0006_sort_key_once
Revises: 0005_narratives
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0006_sort_key_once'
down_revision: str | None = '0005_narratives'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The name columns as of this revision (those of 0004_sort_keys).
NAME_COLUMNS = {
    'members': 'name_zh',
    'contacts': 'name',
    'projects': 'title',
    'resource_offers': 'title',
    'resource_requests': 'purpose',
    'lab_partnerships': 'name',
    'events': 'title',
    'attendance': 'attendee_name',
}
FUNCTION, COLUMN = 'alliance_sort_key', 'sort_key'


def _insert_trigger(table_name: str, name: str, guard: str) -> str:
    fill = f'UPDATE {table_name} SET {COLUMN} = {FUNCTION}(NEW.{name}) WHERE rowid = NEW.rowid'
    return f'CREATE TRIGGER {table_name}_sort_key_insert AFTER INSERT ON {table_name} {guard}BEGIN {fill}; END'


def upgrade() -> None:
    for table_name, name in NAME_COLUMNS.items():
        op.execute(f'DROP TRIGGER IF EXISTS {table_name}_sort_key_insert')
        op.execute(_insert_trigger(table_name, name, f'WHEN NEW.{COLUMN} IS NULL '))


def downgrade() -> None:
    for table_name, name in NAME_COLUMNS.items():
        op.execute(f'DROP TRIGGER IF EXISTS {table_name}_sort_key_insert')
        op.execute(_insert_trigger(table_name, name, ''))
