"""staff_audit: who did it, by name

Each audit entry names who did what as they were known at the time: the staff
member's email (entries made before are filled in from ``staff_id``), an employer
account, or the person themselves by text.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_audit") as batch:
        batch.add_column(
            sa.Column("actor", sa.String(length=300), nullable=False, server_default="")
        )
    op.execute(
        "UPDATE staff_audit SET actor = (SELECT email FROM staff_users"
        " WHERE staff_users.id = staff_audit.staff_id) WHERE staff_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("staff_audit") as batch:
        batch.drop_column("actor")
