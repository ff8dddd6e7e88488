"""web conversations move from Rasa's open REST channel to the web chat channel

People who chatted on the website keep what they had (their web id stays the same;
only the channel's name changes). Whatever the open REST channel recorded under a
phone number could have been anyone: pending erasures it lined up are dropped, so a
stranger's "forget me" never deletes a real texter's data.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 17:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("people", "erasure_requests"):
        op.execute(
            f"UPDATE {table} SET channel = 'web_chat' "
            "WHERE channel = 'rest' AND address LIKE 'web-%'"
        )
    op.execute("DELETE FROM erasure_requests WHERE channel = 'rest'")


def downgrade() -> None:
    for table in ("people", "erasure_requests"):
        op.execute(f"UPDATE {table} SET channel = 'rest' WHERE channel = 'web_chat'")
