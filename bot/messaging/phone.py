"""Phone numbers are personal data: only their last digits ever reach a log."""

from __future__ import annotations

import re


def mask(number: str | None) -> str:
    """``+1******1234`` for ``+18605551234``: enough to tell numbers apart in logs."""
    if not number:
        return "?"
    digits = [c for c in number if c.isdigit()]
    if len(digits) <= 4:
        return "*" * len(digits)
    return ("+" if number.startswith("+") else "") + "*" * (len(digits) - 4) + "".join(digits[-4:])


_US_NUMBER = re.compile(r"^\+?1?(\d{10})$")


def normalize_phone(text: str) -> str | None:
    """``+1NXXNXXXXXX`` from what someone typed, or None if it is not a US number."""
    digits = re.sub(r"[\s().-]", "", text or "")
    match = _US_NUMBER.match(digits)
    return f"+1{match[1]}" if match else None


def _ten_digits(number: str) -> str | None:
    """The ten digits of a US number written ``+1NXXNXXXXXX``, else None."""
    digits = number.removeprefix("+1")
    return digits if len(digits) == 10 and digits.isdigit() else None


def readable_phone(number: str) -> str:
    """``860-555-0000`` for ``+18605550000``, for people to type; other numbers as given."""
    digits = _ten_digits(number)
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}" if digits else number


def written_phone(number: str) -> str:
    """``(860) 555-0000`` for ``+18605550000``, as people write their own number on a
    form; other numbers as given."""
    digits = _ten_digits(number)
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if digits else number
