"""Phone numbers are personal data: only their last digits ever reach a log."""

from __future__ import annotations


def mask(number: str | None) -> str:
    """``+1******1234`` for ``+18605551234``: enough to tell numbers apart in logs."""
    if not number:
        return "?"
    digits = [c for c in number if c.isdigit()]
    if len(digits) <= 4:
        return "*" * len(digits)
    return ("+" if number.startswith("+") else "") + "*" * (len(digits) - 4) + "".join(digits[-4:])
