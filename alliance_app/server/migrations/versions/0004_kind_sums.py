"""each kind's running count and checksum sum per revision: checksums "as of" a desktop's cursor without reading
every record

Revision ID: 0004_kind_sums
Revises: 0003_narratives

The rows are filled by the server, not here (server/kind_sums.py `ensure`, run by `migrate` and before `serve`
starts, and by the first write of a kind that has none): the count reads the record tables as the code of that
day knows them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_kind_sums"
down_revision: str | None = "0003_narratives"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kind_sums",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("rev", sa.BigInteger(), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("kind", "rev", name=op.f("pk_kind_sums")),
    )


def downgrade() -> None:
    op.drop_table("kind_sums")
