"""What Twilio's webhooks carry, parsed defensively.

Every parameter is read as text and checked; a webhook whose required parameters
are malformed is refused with a reason (the channel answers 400), and an optional
one that is malformed takes a safe default. Nothing here raises anything else, so
no signed webhook, however odd, becomes a server error or a half-stored row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.messaging.inbound import MAX_BODY, Inbound

# Twilio's message ids: two capital letters and 32 hex digits (SM..., MM...).
_SID = re.compile(r"[A-Z]{2}[0-9a-fA-F]{32}")
# A phone number or short code as Twilio writes it.
_ADDRESS = re.compile(r"\+?[0-9]{3,15}")
_ERROR_CODE = re.compile(r"[0-9]{1,12}")
# The statuses Twilio reports for messages we send.
STATUSES = frozenset(
    {"accepted", "scheduled", "canceled", "queued", "sending", "sent", "delivered",
     "undelivered", "failed", "read", "partially_delivered"}
)  # fmt: skip


class BadWebhook(ValueError):
    """A webhook that cannot be taken; the message says which parameter is wrong."""


@dataclass(frozen=True)
class StatusReport:
    """A delivery status callback."""

    sid: str
    status: str
    error_code: str | None


def _count(value: str | None) -> int:
    """A small count (NumMedia, NumSegments); anything else is 0."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 4 else 0


def _sid(params: dict[str, str]) -> str:
    sid = params.get("MessageSid") or params.get("SmsSid") or ""
    if not _SID.fullmatch(sid):
        raise BadWebhook("MessageSid is missing or malformed")
    return sid


def inbound_from(params: dict[str, str]) -> Inbound:
    """The text in an incoming-message webhook; raises BadWebhook.

    A body longer than ``MAX_BODY`` is kept only one character past it: enough to
    answer "too long", while a huge signed text is never stored whole."""
    sid = _sid(params)
    sender = (params.get("From") or "").strip()
    if not _ADDRESS.fullmatch(sender):
        raise BadWebhook("From is missing or is not a phone number")
    to = (params.get("To") or "").strip()
    return Inbound(
        sid=sid,
        from_address=sender,
        to_address=to if _ADDRESS.fullmatch(to) else "",
        # NUL is no character anyone types, and PostgreSQL text cannot hold it.
        body=(params.get("Body") or "").replace("\x00", "")[: MAX_BODY + 1],
        num_media=_count(params.get("NumMedia")),
    )


def status_from(params: dict[str, str]) -> StatusReport:
    """The report in a status callback; raises BadWebhook. An error code that is not a
    number is dropped."""
    sid = _sid(params)
    status = (params.get("MessageStatus") or params.get("SmsStatus") or "").strip().lower()
    if status not in STATUSES:
        raise BadWebhook("MessageStatus is missing or unknown")
    code = (params.get("ErrorCode") or "").strip()
    return StatusReport(sid, status, code if _ERROR_CODE.fullmatch(code) else None)
