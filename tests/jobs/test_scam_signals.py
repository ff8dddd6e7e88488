"""Scam signals in job postings, as staff see them in the moderation queue."""

from __future__ import annotations

import pytest

from bot.jobs.scam_signals import hourly, scam_signals

CLEAN = "Warehouse Associate. Pick and pack orders on first shift. Forklift a plus."


def test_an_ordinary_posting_raises_nothing():
    assert scam_signals(CLEAN, hourly(22, "hour"), 24, has_apply_link=True) == []


@pytest.mark.parametrize(
    "text",
    [
        "Data entry from home. A $50 application fee covers your background check.",
        "Start today! Pay a deposit of $99 for your equipment.",
        "Mystery shopper: buy gift cards and we reimburse you.",
        "Upfront payment for the training materials is required.",
        "Send a $40 deposit first and we ship your laptop.",
    ],
)
def test_asking_applicants_to_pay_is_noted(text):
    assert scam_signals(text, None, None, has_apply_link=True) == [
        "asks applicants to pay (a fee, deposit, kit or gift cards)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Send your Social Security number and bank account to get started.",
        "We need your SSN and routing number for direct deposit before the interview.",
    ],
)
def test_asking_for_bank_or_social_security_details_is_noted(text):
    assert scam_signals(text, None, None, has_apply_link=True) == [
        "asks for bank, card or Social Security details"
    ]


def test_pay_far_above_what_such_jobs_pay_is_noted():
    assert scam_signals(CLEAN, hourly(3000, "week"), 24, has_apply_link=True) == [
        "pays $75 an hour, more than 2 times the $24 such jobs usually pay at most"
    ]
    assert scam_signals(CLEAN, hourly(45, "hour"), 24, has_apply_link=True) == []


def test_absurd_pay_is_noted_even_without_a_comparison():
    assert scam_signals(CLEAN, hourly(500_000, "year"), None, has_apply_link=True) == [
        "pays $240 an hour"
    ]


def test_contact_only_by_chat_app_or_personal_email_is_noted():
    text = CLEAN + " Text me on WhatsApp or write to hiring.boss@gmail.com"
    assert scam_signals(text, None, None, has_apply_link=False) == [
        "the only contact is off this site (a chat app or personal email)"
    ]
    # With a real apply link the chat app is just one more way to reach them.
    assert scam_signals(text, None, None, has_apply_link=True) == []


def test_several_signals_are_all_noted():
    text = "Pay the training fee by wire transfer and send your bank account. Telegram only."
    assert len(scam_signals(text, hourly(200, "hour"), 20, has_apply_link=False)) == 4
