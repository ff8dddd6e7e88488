"""portal sessions kept on the server; sign-in failures counted per network address

Signing out ends a session for every copy of its cookie, and a quiet spell ends it
too. Wrong passwords now slow down the address that sends them instead of locking
the account, which anyone could do to a real staff member: the per-account lock
columns go.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 17:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ACCOUNT_TABLES = ("staff_users", "employer_accounts")


def upgrade() -> None:
    op.create_table(
        "portal_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("failed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_sign_in_failures_source_at", "sign_in_failures", ["source", "failed_at"]
    )
    for table in ACCOUNT_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("failed_logins")
            batch.drop_column("locked_until")


def downgrade() -> None:
    for table in ACCOUNT_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
            )
            batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
    op.drop_index("ix_sign_in_failures_source_at", table_name="sign_in_failures")
    op.drop_table("sign_in_failures")
    op.drop_table("portal_sessions")
