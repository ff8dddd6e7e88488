"""Every answer that sends a person elsewhere says how to get there."""

from __future__ import annotations

import re

import pytest

from bot import geo
from bot.contacts import contacts, nearest_job_center
from bot.dialogue.support import job_center_text, unemployment_info
from bot.messaging import keywords

# A web address or a phone number.
A_WAY_THERE = re.compile(r"https?://\S+|\b\d{3}[-. ]\d{3}[-. ]\d{4}\b")
# Words that send a person somewhere else.
ELSEWHERE = re.compile(r"Department of Labor|Job Center|claim|visit|contact|call", re.I)


def _referrals() -> list[str]:
    texts = [*unemployment_info().messages, keywords.help_text(), job_center_text(None)]
    texts += [job_center_text(town.name) for town in geo.towns()]
    return texts


def test_every_referral_carries_a_way_to_get_there():
    referrals = [text for text in _referrals() if ELSEWHERE.search(text)]
    assert len(referrals) > 169
    assert [text for text in referrals if not A_WAY_THERE.search(text)] == []


@pytest.mark.parametrize(
    ("town", "center_town"),
    [("Norwich", "Montville"), ("Plainfield", "Killingly"), ("Greenwich", "Stamford"),
     ("Hamden", "New Haven"), ("Avon", "Hartford"), ("Winchester", "Torrington"),
     ("Mansfield", "Windham"), ("Burlington", "Bristol")],
)  # fmt: skip
def test_the_nearest_american_job_center_is_named(town, center_town):
    center = nearest_job_center(town)
    assert center.town == center_town
    assert center.reach == contacts()["job_centers"]["directory_url"]


def test_every_listed_job_center_is_in_a_connecticut_town():
    assert all(geo.town(c["town"]) for c in contacts()["job_centers"]["centers"])


def test_staff_can_point_to_their_own_contacts_file(tmp_path, monkeypatch):
    own = tmp_path / "contacts.yml"
    data = contacts()
    data = {**data, "unemployment": {**data["unemployment"], "phone": "860-555-0142"}}
    import yaml

    own.write_text(yaml.safe_dump(data))
    monkeypatch.setenv("CONTACTS_FILE", str(own))
    contacts.cache_clear()
    try:
        assert "860-555-0142" in unemployment_info().messages[0]
    finally:
        monkeypatch.delenv("CONTACTS_FILE")
        contacts.cache_clear()
