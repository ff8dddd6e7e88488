"""Phone numbers never reach a log in full.

Our own log lines already mask numbers (bot.messaging.phone.mask), but messages we
do not write can carry them: a Twilio error ("The 'To' number +1860... is not..."),
a database error quoting a row, a Rasa or library line. :func:`install` wraps
Python's log record factory, so every record of the process, whichever logger and
handler it goes to, has numbers masked in its message and its traceback.
"""

from __future__ import annotations

import logging
import re
import traceback
from urllib.parse import unquote

from bot.messaging.phone import mask

# Between the parts of a number: a space, dash or dot, also URL-encoded ("%20", "+").
_SEP = r"(?:[-. +]|%20|%2D)?"
# +18605551234 and %2B18605551234 (URL-encoded); US numbers as people type them:
# 8605551234, 18605551234, (860) 555-1234, (860)555-1234, 860.555.1234, 1 860 555 1234,
# and the same URL-encoded (%28860%29%20555-1234, 860+555+1234). Area code and exchange
# start with 2-9, which keeps timestamps (1796086800) and most ids out.
PHONE = re.compile(
    r"(?:\+|%2B)\d{10,15}(?!\d)"
    rf"|(?<![\d%.,])(?:(?:\+|%2B){_SEP})?(?:1{_SEP})?(?:\(|%28)?[2-9]\d{{2}}(?:\)|%29)?{_SEP}"
    rf"[2-9]\d{{2}}{_SEP}\d{{4}}(?!\d)",
    re.IGNORECASE,
)

_installed = False


def mask_numbers(text: str) -> str:
    """``text`` with every phone number in it masked to its last four digits."""
    return PHONE.sub(lambda m: mask(unquote(m.group(0))), text)


def install() -> None:
    """Mask numbers in every log record this process creates from now on (idempotent)."""
    global _installed
    if _installed:
        return
    make_record = logging.getLogRecordFactory()

    def masked_record(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: leave it to the handler to report
            return record
        record.msg, record.args = mask_numbers(message), ()
        if record.exc_info and record.exc_info[0] is not None:
            formatted = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_text = mask_numbers(formatted)
            record.exc_info = None
        return record

    logging.setLogRecordFactory(masked_record)
    _installed = True
