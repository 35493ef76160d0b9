"""index the project list by title with its search columns

Pages of projects in their default order walk this index instead of sorting whole rows (which spill to disk at
tens of thousands of projects), and a text search scans it instead of the table. See bench/bench_store_queries.py.

Revision ID: 0002_project_listing_index
Revises: 0001_initial
Create Date: 2026-11-26 23:35:52.070016
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0002_project_listing_index'
down_revision: str | None = '0001_initial'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        'ix_projects_listing', 'projects', ['title', 'id', 'title_en', 'owner_member_id', 'deleted'], unique=False
    )


def downgrade() -> None:
    op.drop_index('ix_projects_listing', table_name='projects')
