"""Short apply links (/j/<code>) that cannot be guessed from one another.

A job's code is random, so nobody can walk /j/1, /j/2, ... to list every posting or
inflate another employer's click counts. The alphabet leaves out look-alikes (0/o,
1/l) because people retype links from a phone screen.
"""

from __future__ import annotations

import secrets

ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
CODE_LENGTH = 10  # 32**10: about 10**15 codes


def new_link_code() -> str:
    """A fresh random link code."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def apply_url(public_base_url: str, link_code: str) -> str:
    """The short apply link for a job with ``link_code``."""
    return f"{public_base_url.rstrip('/')}/j/{link_code}"
