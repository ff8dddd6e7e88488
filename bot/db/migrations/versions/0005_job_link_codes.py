"""random link codes for the short apply links, so they cannot be enumerated

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.jobs.links import new_link_code

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("link_code", sa.String(length=16), nullable=True))
    jobs = sa.table("jobs", sa.column("id", sa.Integer), sa.column("link_code", sa.String))
    connection = op.get_bind()
    ids = connection.execute(sa.select(jobs.c.id)).scalars().all()
    if ids:
        connection.execute(
            jobs.update().where(jobs.c.id == sa.bindparam("job_id")),
            [{"job_id": job_id, "link_code": new_link_code()} for job_id in ids],
        )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.alter_column("link_code", existing_type=sa.String(length=16), nullable=False)
        batch_op.create_unique_constraint("uq_jobs_link_code", ["link_code"])


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_constraint("uq_jobs_link_code", type_="unique")
        batch_op.drop_column("link_code")
