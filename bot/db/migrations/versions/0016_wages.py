"""wages: the BLS OEWS figures for Connecticut (state, metro and nonmetro areas)

What an occupation pays in each Connecticut OEWS area, with the release the figures
come from; ``python -m bot.cli load-wages`` fills the tables from the packaged data.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-09 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_HOURLY = ("hourly_mean", "hourly_p10", "hourly_p25", "hourly_median", "hourly_p75", "hourly_p90")
_ANNUAL = ("annual_mean", "annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90")


def upgrade() -> None:
    op.create_table(
        "wage_releases",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "wage_areas",
        sa.Column("code", sa.String(length=7), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "wage_occupations",
        sa.Column("soc_code", sa.String(length=7), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("soc_code"),
    )
    op.create_table(
        "wage_figures",
        sa.Column("area_code", sa.String(length=7), nullable=False),
        sa.Column("soc_code", sa.String(length=7), nullable=False),
        sa.Column("release_code", sa.String(length=10), nullable=False),
        sa.Column("employment", sa.Integer(), nullable=True),
        *(sa.Column(name, sa.Float(), nullable=True) for name in _HOURLY),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in _ANNUAL),
        sa.ForeignKeyConstraint(["area_code"], ["wage_areas.code"]),
        sa.ForeignKeyConstraint(["soc_code"], ["wage_occupations.soc_code"]),
        sa.ForeignKeyConstraint(["release_code"], ["wage_releases.code"]),
        sa.PrimaryKeyConstraint("area_code", "soc_code"),
    )


def downgrade() -> None:
    op.drop_table("wage_figures")
    op.drop_table("wage_occupations")
    op.drop_table("wage_areas")
    op.drop_table("wage_releases")
