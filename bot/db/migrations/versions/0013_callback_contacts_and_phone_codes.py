"""callback requests keep a web chatter's contact and the call's outcome; one-time codes
for the website's job alerts page

A person who asks for a callback in the website's chat can leave a phone number or
an email address; staff claim a request (then they alone see the full contact), and
record what each call gave until it is closed. People who set up job alerts by text
prove their number on the website with a code texted to it; only its hash is kept.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08 10:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

CLAIMED_BY_FK = "fk_handoff_requests_claimed_by"


def upgrade() -> None:
    with op.batch_alter_table("handoff_requests") as batch:
        batch.add_column(sa.Column("contact", sa.String(length=254), nullable=True))
        batch.add_column(sa.Column("claimed_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("outcome", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("outcome_note", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("outcome_at", sa.DateTime(), nullable=True))
        batch.create_foreign_key(
            CLAIMED_BY_FK, "staff_users", ["claimed_by"], ["id"], ondelete="SET NULL"
        )
    op.create_table(
        "phone_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("code_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("wrong_tries", sa.Integer(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_phone_codes_address_at", "phone_codes", ["address", "created_at"])
    op.create_index("ix_phone_codes_source_at", "phone_codes", ["source", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_phone_codes_source_at", table_name="phone_codes")
    op.drop_index("ix_phone_codes_address_at", table_name="phone_codes")
    op.drop_table("phone_codes")
    with op.batch_alter_table("handoff_requests") as batch:
        batch.drop_constraint(CLAIMED_BY_FK, type_="foreignkey")
        for column in ("outcome_at", "outcome_note", "outcome", "claimed_at", "claimed_by"):
            batch.drop_column(column)
        batch.drop_column("contact")
