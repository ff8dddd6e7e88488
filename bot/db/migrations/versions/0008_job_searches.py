"""job searches and whether they found any job, for the staff dashboard

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("searched_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("keyword", sa.String(length=80), nullable=True),
        sa.Column("town", sa.String(length=80), nullable=True),
        sa.Column("found", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_job_searches_searched_at", "job_searches", ["searched_at"])


def downgrade() -> None:
    op.drop_index("ix_job_searches_searched_at", table_name="job_searches")
    op.drop_table("job_searches")
