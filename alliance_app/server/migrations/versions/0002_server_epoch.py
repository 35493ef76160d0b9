"""the history's epoch (restores), and what the administrator sees of each account's desktops

Revision ID: 0002_server_epoch
Revises: 0001_initial
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_server_epoch"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "server_epoch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.String(length=36), nullable=False),
        sa.Column("since_rev", sa.BigInteger(), nullable=False),
        sa.Column("bound_to", sa.String(length=200), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_epoch")),
    )
    # The first epoch; `bound_to` is filled in by the first `ensure_epoch` (server/epoch.py) in this database.
    op.execute(
        sa.text(
            "INSERT INTO server_epoch (id, epoch, since_rev, bound_to, started_at) "
            "VALUES (1, :epoch, 0, NULL, CURRENT_TIMESTAMP)"
        ).bindparams(epoch=str(uuid.uuid4()))
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_login_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("last_sync_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("desktop_version", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("desktop_version")
        batch_op.drop_column("last_sync_at")
        batch_op.drop_column("last_login_at")
    op.drop_table("server_epoch")
