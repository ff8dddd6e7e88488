"""Web addresses in texts shown on the website's pages become links; nothing else in
the text does, and nothing in it is taken as HTML."""

from __future__ import annotations

import pytest

from bot.messaging.phone import written_phone
from bot.web.links import linkify


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "Apply: https://jobs.example.org/j/AB12.",
            'Apply: <a href="https://jobs.example.org/j/AB12">https://jobs.example.org/j/AB12</a>.',
        ),
        (
            "(see http://x.example/a?b=1&c=2)",
            '(see <a href="http://x.example/a?b=1&amp;c=2">http://x.example/a?b=1&amp;c=2</a>)',
        ),
        ("<b>hi</b> & bye\nwww.example.org", "&lt;b&gt;hi&lt;/b&gt; &amp; bye\nwww.example.org"),
        (
            'https://x.example/"onclick=alert(1)',
            '<a href="https://x.example/">https://x.example/</a>&#34;onclick=alert(1)',
        ),
        ("", ""),
    ],
)
def test_addresses_become_links_and_the_rest_stays_text(text, html):
    assert str(linkify(text)) == html


def test_a_number_is_written_as_people_write_their_own():
    assert written_phone("+18605550123") == "(860) 555-0123"
    assert written_phone("+447700900123") == "+447700900123"
