"""job index: pay per hour, shift terms and the new synonym groups

Searches can now ask for a minimum pay, checked on the job index's own rows (a new
column, the job's top pay per hour), and for a shift (night, weekend...), found
through index terms per shift; new synonym groups (EMT, HVAC, QA, DSP, IT...) tag
more jobs. Jobs stored before this were indexed without them, and imports re-index
only the jobs that change, so every live job is indexed again here.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.jobs.store import reindex_jobs

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("job_terms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hourly_pay", sa.Float(), nullable=True))
    reindex_jobs(op.get_bind())


def downgrade() -> None:
    # The shift terms left in the index are harmless to the older search.
    with op.batch_alter_table("job_terms", schema=None) as batch_op:
        batch_op.drop_column("hourly_pay")
