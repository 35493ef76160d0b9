"""names sort by pinyin: a stored sort key per list name, kept by triggers, indexed

Each kind's name column (project title, member name, ...) gets a `sort_key` column holding the report's pinyin
collation key, filled here for the records already stored (~0.3 ms a name: about half a minute for 100,000),
then kept by triggers on every insert and name change; see alliance_app/store/sort_keys.py.

Revision ID: 0004_sort_keys
Revises: 0003_sync
Create Date: 2026-11-29 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from alliance_app.store import sort_keys

revision: str = '0004_sort_keys'
down_revision: str | None = '0003_sync'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The name columns as of this revision (a later one adding a kind adds its own).
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


def upgrade() -> None:
    bind = op.get_bind()
    # The store's connections register the function; a connection made elsewhere (alembic's own) may not have.
    sort_keys.register(bind.connection.driver_connection)  # type: ignore[arg-type]
    for table_name, name in NAME_COLUMNS.items():
        op.add_column(table_name, sa.Column(sort_keys.COLUMN, sa.Text(), nullable=True))
        op.execute(f"UPDATE {table_name} SET {sort_keys.COLUMN} = {sort_keys.FUNCTION}({name})")
        op.create_index(sort_keys.index_name(table_name), table_name, [sort_keys.COLUMN, 'id'], unique=False)
        for statement in sort_keys.trigger_sql(table_name, name):
            op.execute(statement)


def downgrade() -> None:
    for table_name in NAME_COLUMNS:
        for statement in sort_keys.drop_trigger_sql(table_name):
            op.execute(statement)
        op.drop_index(sort_keys.index_name(table_name), table_name=table_name)
        op.drop_column(table_name, sort_keys.COLUMN)
