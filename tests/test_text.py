"""bot/text.py: the one fold, packing lines into texts, shortening, email addresses."""

from __future__ import annotations

from bot.text import (
    drop_apostrophes,
    email_in,
    fold,
    is_email,
    pack_lines,
    shorten,
    strip_accents,
    to_ascii,
)


def test_fold_keeps_lowercase_ascii_words_only():
    assert fold("  Café  Déjà-vu! ") == "cafe deja vu"
    assert fold("Niñera / CNA-HHA") == "ninera cna hha"
    assert fold("\U0001f600") == ""


def test_accents_come_off_with_or_without_other_scripts():
    assert strip_accents("Ώρα café") == "Ωρα cafe"
    assert to_ascii("Ώρα Café") == " Cafe"
    assert fold(drop_apostrophes("Don’t")) == "dont"


def test_lines_are_packed_into_as_few_texts_as_fit():
    assert pack_lines(["a" * 200, "b" * 100, "c" * 30]) == ["a" * 200 + "\n" + "b" * 100, "c" * 30]
    assert pack_lines(["x" * 400]) == ["x" * 320]


def test_shorten_cuts_at_a_word():
    assert shorten("one two three four", 12) == "one two..."
    assert shorten(" short  text ", 40) == "short text"


def test_email_addresses_are_found_in_a_message_and_checked_whole():
    found = email_in("reach me at o'brien.k@mail.example.org, thanks")
    assert found == "o'brien.k@mail.example.org"
    assert email_in("call me 860 555 0100") is None
    assert is_email("a@example.org")
    assert not is_email("not-an-email") and not is_email("a@b@example.org")
