"""re-index the stored jobs: shift tags and the new synonym groups

Searches can now ask for a shift (night, weekend...), found through a tag per shift
in the job index, and new synonym groups (EMT, HVAC, QA, DSP, IT...) tag more jobs.
Jobs stored before this were indexed without them; imports re-index only the jobs
that change, so every live job is indexed again here. No schema change.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

from alembic import op

from bot.jobs.store import reindex_jobs

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    reindex_jobs(op.get_bind())


def downgrade() -> None:
    # The extra index rows are harmless to the older search, which never asks for them.
    pass
