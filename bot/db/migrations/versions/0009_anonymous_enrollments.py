"""ended enrollments can be anonymized: enrollments.person_id may be NULL

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 19:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("enrollments") as batch:
        batch.alter_column("person_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM enrollments WHERE person_id IS NULL")
    with op.batch_alter_table("enrollments") as batch:
        batch.alter_column("person_id", existing_type=sa.Integer(), nullable=False)
