"""job apply link clicks

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 00:58:37.989360
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_clicks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("clicked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("job_clicks", schema=None) as batch_op:
        batch_op.create_index("ix_job_clicks_job", ["job_id", "clicked_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("job_clicks", schema=None) as batch_op:
        batch_op.drop_index("ix_job_clicks_job")

    op.drop_table("job_clicks")
