"""Training programs and their courses."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import relationship

from bot.db.models.base import Base


class Program(Base):
    """A training program (SkillUp CT, 180 Skills)."""

    __tablename__ = "programs"

    id = Column(Integer, primary_key=True)
    code = Column(String(40), nullable=False, unique=True)
    name = Column(String(120), nullable=False)
    description = Column(Text, nullable=False, default="")


class Course(Base):
    """A course of a program; 180 Skills courses lead to a credential and the next one."""

    __tablename__ = "courses"

    id = Column(Integer, primary_key=True)
    code = Column(String(40), nullable=False, unique=True)
    program_id = Column(Integer, ForeignKey("programs.id"), nullable=False)
    title = Column(String(200), nullable=False)
    topic = Column(String(80), nullable=False)
    level = Column(String(20))
    hours = Column(Float)
    credential = Column(String(200))
    next_course_code = Column(String(40))
    url = Column(String(500))
    description = Column(Text, nullable=False, default="")
    keywords = Column(Text, nullable=False, default="")
    # The SOC codes of the occupations the course prepares for, space separated
    # ("51-9161 51-4041"); "" for none. See bot.courses.pathways.
    soc_codes = Column(String(100), nullable=False, default="", server_default="")
    active = Column(Boolean, nullable=False, default=True)

    program = relationship(Program)
