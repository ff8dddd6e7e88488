"""The declarative base every model derives from."""

from __future__ import annotations

from sqlalchemy.orm import declarative_base

Base = declarative_base()
