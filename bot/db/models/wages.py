"""What jobs pay in Connecticut: the BLS Occupational Employment and Wage Statistics
(OEWS) for the state, its five metro areas and its nonmetropolitan area.

One release is kept at a time (``python -m bot.cli load-wages`` replaces an older one).
A figure BLS does not publish (suppressed, or hourly figures of an occupation paid by
the year) is NULL, never 0.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, ForeignKey, Integer, String

from bot.clock import utcnow
from bot.db.models.base import Base


class WageRelease(Base):
    """The OEWS release the figures come from ("2025A01", "May 2025")."""

    __tablename__ = "wage_releases"

    code = Column(String(10), primary_key=True)
    name = Column(String(40), nullable=False)
    source = Column(String(120), nullable=False)
    loaded_at = Column(DateTime, nullable=False, default=utcnow)


class WageArea(Base):
    """An OEWS area: Connecticut (``0900000``), a metro area or the nonmetropolitan area."""

    __tablename__ = "wage_areas"

    code = Column(String(7), primary_key=True)
    name = Column(String(120), nullable=False)
    # "state", "metro" or "nonmetro".
    kind = Column(String(10), nullable=False)


class WageOccupation(Base):
    """An occupation of the Standard Occupational Classification as OEWS names it."""

    __tablename__ = "wage_occupations"

    # "31-1131"; "00-0000" is all occupations, "31-0000" a major group.
    soc_code = Column(String(7), primary_key=True)
    title = Column(String(200), nullable=False)
    # 0 for all occupations and the major groups, 3 for a detailed occupation (BLS's
    # display level).
    level = Column(Integer, nullable=False)


class WageFigure(Base):
    """Employment and wages of one occupation in one area, all industries together."""

    __tablename__ = "wage_figures"

    area_code = Column(String(7), ForeignKey("wage_areas.code"), primary_key=True)
    soc_code = Column(String(7), ForeignKey("wage_occupations.soc_code"), primary_key=True)
    release_code = Column(String(10), ForeignKey("wage_releases.code"), nullable=False)
    employment = Column(Integer)
    hourly_mean = Column(Float)
    hourly_p10 = Column(Float)
    hourly_p25 = Column(Float)
    hourly_median = Column(Float)
    hourly_p75 = Column(Float)
    hourly_p90 = Column(Float)
    annual_mean = Column(Integer)
    annual_p10 = Column(Integer)
    annual_p25 = Column(Integer)
    annual_median = Column(Integer)
    annual_p75 = Column(Integer)
    annual_p90 = Column(Integer)
