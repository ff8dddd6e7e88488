"""Phone numbers are masked in every log record, whoever writes it."""

from __future__ import annotations

import logging

import pytest
import requests

from bot.logmask import install, mask_numbers
from tests.support.servers import LiveServer


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


@pytest.mark.parametrize(
    "typed",
    [
        "8605559240",
        "18605559240",
        "(860)555-9240",
        "(860) 555-9240",
        "1 860 555 9240",
        "%28860%29%20555-9240",
        "860+555+9240",
        "%2B1%20860%20555%209240",
        "%2B18605559240",
    ],
)
def test_every_way_people_type_a_number_is_masked(typed):
    masked = mask_numbers(f"GET /simulator/thread?phone={typed}&x=1 HTTP/1.1")
    assert masked.endswith("9240&x=1 HTTP/1.1")
    assert "860" not in masked and "555" not in masked


@pytest.mark.parametrize(
    "not_a_number",
    [
        "at 1796086800.0",
        "pi 3.14159265358",
        "2026-12-06 16:33:52,123",
        "zip 06106",
        "id 1234567890",
    ],
)
def test_timestamps_and_ids_are_left_alone(not_a_number):
    assert mask_numbers(not_a_number) == not_a_number


def test_the_websites_access_log_masks_numbers_in_query_strings(db_url, caplog):
    server = LiveServer(db_url)
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            for typed in ("8605559240", "(860)555-9240", "860 555 9240"):
                requests.get(f"{server.url}/jobs", params={"place": typed}, timeout=30)
    finally:
        server.stop()
    assert "/jobs?place=" in caplog.text
    assert "5559240" not in caplog.text and "555-9240" not in caplog.text
    assert "555+9240" not in caplog.text and "555%20" not in caplog.text
