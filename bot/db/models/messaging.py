"""Texts: opt-outs, the outbox and every text received."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    String,
    Text,
)

from bot.clock import utcnow
from bot.db.models.base import Base


class OptOut(Base):
    """A phone number that must not be texted (opted out) or cannot be (unreachable)."""

    __tablename__ = "opt_outs"

    id = Column(Integer, primary_key=True)
    address = Column(String(32), nullable=False, unique=True)
    status = Column(String(12), nullable=False)
    reason = Column(String(120))
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class OutboundMessage(Base):
    """Every outbound SMS, written before it is sent so a retry never duplicates it."""

    __tablename__ = "outbound_messages"
    __table_args__ = (
        Index("ix_outbound_status", "status", "not_before"),
        Index("ix_outbound_to", "to_address", "id"),
    )

    id = Column(Integer, primary_key=True)
    idempotency_key = Column(String(120), nullable=False, unique=True)
    to_address = Column(String(32), nullable=False)
    body = Column(Text, nullable=False)
    kind = Column(String(12), nullable=False, default="reply")
    status = Column(String(16), nullable=False, default="pending")
    provider_sid = Column(String(64), unique=True)
    error_code = Column(String(12))
    attempts = Column(Integer, nullable=False, default=0)
    not_before = Column(DateTime)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class InboundMessage(Base):
    """Every inbound text, keyed by the provider's id so a retried webhook is handled once.

    ``outcome`` says what became of it: answered by the assistant, a keyword
    (opt-out, opt-in, help), or not processed (opted out, rate limited, unreadable).
    """

    __tablename__ = "inbound_messages"
    __table_args__ = (Index("ix_inbound_from", "from_address", "received_at"),)

    id = Column(Integer, primary_key=True)
    provider_sid = Column(String(64), nullable=False, unique=True)
    from_address = Column(String(32), nullable=False)
    to_address = Column(String(32))
    body = Column(Text)
    num_media = Column(Integer, nullable=False, default=0, server_default="0")
    outcome = Column(String(20))
    received_at = Column(DateTime, nullable=False, default=utcnow)
    # Set once every reply to this text has been through the outbound gate.
    handled_at = Column(DateTime)


class PhoneCode(Base):
    """A one-time code texted to a number to prove that whoever types it has that
    phone (the website's job alerts page). Only a hash of the code is kept. A row is
    written for every request, texted or not, so requests are counted the same for
    every number (throttling) and per network address (``source``)."""

    __tablename__ = "phone_codes"
    __table_args__ = (
        Index("ix_phone_codes_address_at", "address", "created_at"),
        Index("ix_phone_codes_source_at", "source", "created_at"),
    )

    id = Column(Integer, primary_key=True)
    address = Column(String(32), nullable=False)
    source = Column(String(64), nullable=False)
    code_hash = Column(String(255), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False)
    wrong_tries = Column(Integer, nullable=False, default=0)
    used_at = Column(DateTime)
