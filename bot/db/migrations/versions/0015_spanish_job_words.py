"""job index: the Spanish job words' synonym groups

Spanish job words joined the synonym groups (bodega and almacen with warehouse,
enfermera with nurse, and new groups such as nurse, driver and cleaning). Jobs stored
before were indexed without the new groups' tags, and imports re-index only the jobs
that change, so every live job is indexed again here.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 04:00:00
"""

from __future__ import annotations

from alembic import op

from bot.jobs.store import reindex_jobs

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    reindex_jobs(op.get_bind())


def downgrade() -> None:
    # The extra tags left in the index are harmless to the older search.
    pass
