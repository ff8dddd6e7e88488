"""Phone numbers are masked in every log record, whoever writes it."""

from __future__ import annotations

import logging

from bot.logmask import install, mask_numbers


def test_numbers_in_every_written_form_are_masked():
    text = (
        "To +18605551234, From=%2B12035550199, call (860) 555-1234 or 860-555-1234 or "
        "1 860.555.1234; job 12345, at 1796086800.0, zip 06106"
    )
    assert mask_numbers(text) == (
        "To +*******1234, From=+*******0199, call ******1234 or ******1234 or "
        "*******1234; job 12345, at 1796086800.0, zip 06106"
    )


def test_records_from_any_logger_are_masked_in_message_and_traceback(caplog):
    install()
    install()  # twice is harmless
    logger = logging.getLogger("some.library")
    with caplog.at_level(logging.INFO):
        logger.info("sending to %s", "+18605551234")
        try:
            raise ValueError("The 'To' number +18605559876 is not a valid phone number")
        except ValueError:
            logger.exception("Twilio said no")
    assert "+18605551234" not in caplog.text and "+*******1234" in caplog.text
    assert "+18605559876" not in caplog.text and "+*******9876" in caplog.text
    assert "ValueError" in caplog.text
