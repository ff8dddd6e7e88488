"""courses: the occupations a course prepares for

Each course names the SOC codes (OEWS detailed occupations) of the jobs it prepares
for, so a course can show what those jobs pay and the next stackable credential what
it adds (bot.courses.pathways). The catalog import fills the column; courses stored
before get their codes the next time the catalog is imported (``make data``).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("courses") as batch:
        batch.add_column(
            sa.Column("soc_codes", sa.String(length=100), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("courses") as batch:
        batch.drop_column("soc_codes")
