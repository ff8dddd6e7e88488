"""Reading job feeds: Indeed-style XML, JSON-LD (schema.org JobPosting) and CSV, each
bad record reported with one clear line."""

from __future__ import annotations

import io
import json
import time
from datetime import datetime

import pytest

from bot.jobs.importers import parse_csv, parse_feed, parse_indeed_xml, parse_jobposting_jsonld
from bot.jobs.records import Reject


def _job_xml(**fields: str) -> str:
    tags = "".join(f"<{tag}><![CDATA[{value}]]></{tag}>" for tag, value in fields.items())
    return f"<job>{tags}</job>\n"


def _feed(*jobs: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<source>\n<publisher>Acme</publisher>\n'
        "<publisherurl>https://acme.example.org</publisherurl>\n" + "".join(jobs) + "</source>\n"
    )


def _xml_job(reference: str, **changes: str) -> str:
    fields = {
        "title": "Warehouse Associate",
        "date": "Mon, 02 Nov 2026 10:00:00 GMT",
        "referencenumber": reference,
        "url": f"https://jobs.example.org/{reference}",
        "company": "Nutmeg Logistics",
        "city": "Hartford",
        "state": "CT",
        "country": "US",
        "postalcode": "06106",
        "description": "Pick and pack orders.",
        "salary": "$18 - $22 per hour",
        "jobtype": "Full-time",
        "category": "Warehouse",
    }
    fields.update(changes)
    return _job_xml(**{tag: value for tag, value in fields.items() if value != ""})


def test_xml_feed_keeps_good_records_and_rejects_bad_ones_with_one_clear_line_each():
    feed = _feed(
        _xml_job("A1"),
        _xml_job("A2", title=""),
        _xml_job("A3", state="NY", postalcode="10001"),
        _xml_job("A4", date="32/13/2024"),
        _xml_job("A5", salary="Competitive pay"),
        _xml_job("A6"),
    )
    result = parse_indeed_xml(feed.encode(), "indeed-xml:acme")

    assert [r.reference for r in result.records] == ["A1", "A5", "A6"]
    assert result.rejects == [
        Reject("record 2", "A2", "missing title"),
        Reject("record 3", "A3", "state is NY, not Connecticut"),
        Reject("record 4", "A4", "bad date '32/13/2024'"),
    ]
    competitive = result.records[1]
    assert competitive.salary_text == "Competitive pay"
    assert (competitive.salary_min, competitive.salary_max, competitive.salary_unit) == (
        None,
        None,
        None,
    )


def test_xml_fields_are_normalized():
    feed = _feed(
        _xml_job(
            "N1",
            title="  Line   Cook &amp; Prep ",
            state="Connecticut",
            postalcode="06106-1234",
            city="HARTFORD",
            description="<p>Great&nbsp;team.</p><ul><li>Grill</li><li>Fry</li></ul>",
            date="2026-11-02T10:00:00-05:00",
            expirationdate="2026-12-31",
            jobtype="PART_TIME",
            salary="$18.50/hr",
            url="javascript:alert(1)",
        )
    )
    [record] = parse_indeed_xml(feed, "indeed-xml:acme").records

    assert record.title == "Line Cook & Prep"
    assert (record.city, record.state, record.postal_code) == ("Hartford", "CT", "06106")
    assert record.description == "Great team. • Grill • Fry"
    assert record.posted_at == datetime(2026, 11, 2, 15, 0)
    assert record.valid_through == datetime(2026, 12, 31, 23, 59, 59, 999999)
    assert record.job_type == "part_time"
    assert (record.salary_min, record.salary_max, record.salary_unit) == (18.5, 18.5, "hour")
    assert record.url is None
    assert record.source == "indeed-xml:acme"


def test_truncated_xml_keeps_earlier_records_and_reports_the_line():
    feed = _feed(_xml_job("T1"), _xml_job("T2"), _xml_job("T3"))
    cut = feed[: feed.index("T3") + 10]
    result = parse_indeed_xml(cut.encode(), "indeed-xml:acme")

    assert [r.reference for r in result.records] == ["T1", "T2"]
    [reject] = result.rejects
    assert reject.position == "line 7"
    assert "malformed XML" in reject.reason and "after 2 jobs" in reject.reason


def test_mismatched_tag_is_reported_with_its_line():
    feed = _feed(_xml_job("M1")).replace("</source>", "</jobs>")
    result = parse_indeed_xml(feed, "x")
    assert [r.reference for r in result.records] == ["M1"]
    assert result.rejects[0].position == "line 6"
    assert "mismatched tag" in result.rejects[0].reason


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<source><job><title>&lol9;</title><referencenumber>B1</referencenumber></job></source>
"""


def test_entity_expansion_attack_is_refused_not_expanded():
    started = time.perf_counter()
    result = parse_indeed_xml(BILLION_LAUGHS.encode(), "x")

    assert time.perf_counter() - started < 1
    assert result.records == []
    [reject] = result.rejects
    assert reject.position == "line 3"
    assert "declares XML entities" in reject.reason


def test_external_entities_are_refused():
    feed = (
        '<?xml version="1.0"?>\n<!DOCTYPE source [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        "<source><job><title>&xxe;</title></job></source>"
    )
    result = parse_indeed_xml(feed, "x")
    assert result.records == []
    assert "refused" in result.rejects[0].reason


def test_xml_without_jobs_under_another_root_is_reported():
    result = parse_indeed_xml("<html><body>Not a feed</body></html>", "x")
    assert result.rejects == [
        Reject("document", None, "no <job> elements (root element is <html>)")
    ]
    assert parse_indeed_xml(_feed(), "x").rejects == []


def test_xml_duplicate_reference_keeps_the_first():
    result = parse_indeed_xml(_feed(_xml_job("D1"), _xml_job("D1", title="Other")), "x")
    assert [r.title for r in result.records] == ["Warehouse Associate"]
    assert result.rejects == [
        Reject("record 2", "D1", "duplicate reference number (first used at record 1)")
    ]


def test_xml_reads_from_a_binary_stream_with_a_declared_encoding():
    feed = _feed(_xml_job("E1", title="Café Server")).replace("utf-8", "iso-8859-1")
    result = parse_indeed_xml(io.BytesIO(feed.encode("latin-1")), "x")
    assert [r.title for r in result.records] == ["Café Server"]


def _posting(**changes: object) -> dict[str, object]:
    posting: dict[str, object] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": "Registered Nurse",
        "identifier": {"@type": "PropertyValue", "name": "Acme", "value": "RN-7"},
        "datePosted": "2026-11-02",
        "validThrough": "2026-12-15T23:00:00Z",
        "employmentType": ["PER_DIEM", "PART_TIME"],
        "hiringOrganization": {"@type": "Organization", "name": "Charter Oak Home Care"},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "New Haven",
                "addressRegion": "CT",
                "postalCode": "06510",
                "addressCountry": "US",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": 40, "maxValue": 52.5},
            "unitText": "HOUR",
        },
        "description": "<p>Care for patients &amp; families.</p>",
        "url": "https://jobs.example.org/rn-7",
        "occupationalCategory": "29-1141.00 Registered Nurses",
    }
    posting.update(changes)
    return posting


def test_jsonld_single_posting_maps_every_field():
    result = parse_jobposting_jsonld(json.dumps(_posting()), "jsonld:acme")
    assert result.rejects == []
    [record] = result.records
    assert record.reference == "RN-7"
    assert record.company == "Charter Oak Home Care"
    assert (record.city, record.state, record.postal_code) == ("New Haven", "CT", "06510")
    assert (record.salary_min, record.salary_max, record.salary_unit) == (40.0, 52.5, "hour")
    assert record.job_type == "per_diem"
    assert record.posted_at == datetime(2026, 11, 2)
    assert record.valid_through == datetime(2026, 12, 15, 23, 0)
    assert record.description == "Care for patients & families."
    assert record.category == "29-1141.00 Registered Nurses"
    assert record.url == "https://jobs.example.org/rn-7"


def test_jsonld_list_skips_other_types_and_uses_url_as_reference():
    data = [
        {"@type": "Organization", "name": "Acme"},
        _posting(identifier=None, url="https://jobs.example.org/a"),
        _posting(identifier="B-2", baseSalary={"value": {"value": 60000, "unitText": "YEAR"}}),
        "junk",
    ]
    result = parse_jobposting_jsonld(json.dumps(data).encode(), "x")
    assert result.rejects == []
    first, second = result.records
    assert first.reference == "https://jobs.example.org/a"
    assert (second.reference, second.salary_min, second.salary_max) == ("B-2", 60000.0, 60000.0)
    assert second.salary_unit == "year"


def test_jsonld_graph_resolves_organization_references_and_picks_the_ct_location():
    doc = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": "#page", "name": "Careers"},
            {"@type": "Organization", "@id": "#org", "name": "Nutmeg Logistics"},
            _posting(
                hiringOrganization={"@id": "#org"},
                jobLocation=[
                    {"@type": "Place", "address": {"addressLocality": "Springfield"}},
                    {"@type": "Place", "address": {"addressLocality": "Enfield"}},
                    {
                        "@type": "Place",
                        "address": {"addressLocality": "Enfield", "addressRegion": "CT"},
                    },
                ],
            ),
        ],
    }
    [record] = parse_jobposting_jsonld(json.dumps(doc), "x").records
    assert record.company == "Nutmeg Logistics"
    assert (record.city, record.state, record.postal_code) == ("Enfield", "CT", None)


def test_jsonld_in_html_reads_every_block_and_reports_bad_json_with_its_line():
    html = (
        "<!doctype html>\n<html><head>\n"
        '<script type="application/ld+json">\n' + json.dumps(_posting()) + "\n</script>\n"
        '<script type=\'application/ld+json\'>\n{"@type": "JobPosting",\n"title": }\n'
        "</script>\n"
        '<script type="application/ld+json"><!--\n'
        + json.dumps(_posting(identifier="RN-8", jobLocation={"address": "Bristol, CT 06010"}))
        + "\n--></script>\n</head><body></body></html>"
    )
    result = parse_jobposting_jsonld(html, "x")
    assert [r.reference for r in result.records] == ["RN-7", "RN-8"]
    assert result.records[1].postal_code == "06010"
    [reject] = result.rejects
    assert reject.position == "line 8"
    assert reject.reason.startswith("bad JSON: Expecting value")


def test_jsonld_bad_json_is_one_reject():
    result = parse_jobposting_jsonld(b'{"@type": "JobPosting", ', "x")
    assert result.records == []
    assert len(result.rejects) == 1 and result.rejects[0].reason.startswith("bad JSON")


def test_jsonld_invalid_posting_is_rejected_with_its_position():
    data = [
        _posting(),
        _posting(identifier="X-2", jobLocation={"address": {"addressRegion": "MA"}}),
    ]
    result = parse_jobposting_jsonld(json.dumps(data), "x")
    assert [r.reference for r in result.records] == ["RN-7"]
    assert result.rejects == [Reject("record 2", "X-2", "missing city and postal code")]


def test_html_without_jsonld_is_reported():
    result = parse_jobposting_jsonld("<html><body>No jobs</body></html>", "x")
    assert result.rejects[0].reason.startswith("no <script")


def test_csv_accepts_aliases_ignores_extra_columns_and_reports_lines():
    text = (
        "Reference,Job Title,Employer,Posted,City,Zip,Job_Type,Salary,Notes,description\n"
        "C1,Cashier,Shoreline Market,11/02/2026,Milford,06460,Part-time,$17 an hour,x,Ring up\n"
        'C2,,Shoreline Market,11/02/2026,Milford,06460,,,,"two\nlines"\n'
        "C3,Stock Associate,Shoreline Market,2026-11-03,Milford,6460,PT,,\n"
        "\n"
        "C4,Cook,Shoreline Market,2026-11-03,Boston,02108,,,,\n"
    )
    result = parse_csv(text.encode("utf-8-sig"), "csv:market")

    assert [r.reference for r in result.records] == ["C1", "C3"]
    cashier, stock = result.records
    assert (cashier.company, cashier.postal_code, cashier.job_type) == (
        "Shoreline Market",
        "06460",
        "part_time",
    )
    assert (cashier.salary_min, cashier.salary_unit) == (17.0, "hour")
    assert cashier.description == "Ring up"
    assert (stock.postal_code, stock.state, stock.job_type) == ("06460", "CT", "part_time")
    assert result.rejects == [
        Reject("line 3", "C2", "missing title"),
        Reject("line 7", "C4", "postal code 02108 is not in Connecticut"),
    ]


def test_csv_missing_required_column_is_one_reject_naming_the_columns():
    result = parse_csv("title,company,city\nCook,Diner,Hartford\n", "x")
    assert result.records == []
    [reject] = result.rejects
    assert reject.position == "line 1"
    assert "referencenumber, date" in reject.reason
    assert "city or postalcode (or zip)" in reject.reason


def test_csv_empty_file_and_windows_1252_bytes():
    assert parse_csv(b"", "x").rejects == [Reject("line 1", None, "empty file: no header row")]
    text = "referencenumber,title,company,date,city,state\n"
    text += "W1,Caf\xe9 Cook,Diner,2026-11-02,Hartford,CT\n"
    [record] = parse_csv(text.encode("cp1252"), "x").records
    assert record.title == "Café Cook"


def test_parse_feed_chooses_the_parser_by_extension(tmp_path):
    (tmp_path / "acme.xml").write_text(_feed(_xml_job("F1")))
    (tmp_path / "acme.jsonld").write_text(json.dumps(_posting()))
    (tmp_path / "acme.csv").write_text(
        "reference,title,employer,posted,zip\nF3,Cook,Diner,2026-11-02,06106\n"
    )
    assert parse_feed(tmp_path / "acme.xml").records[0].source == "indeed-xml:acme"
    assert parse_feed(tmp_path / "acme.jsonld", "feed").records[0].source == "feed"
    assert parse_feed(tmp_path / "acme.csv").records[0].reference == "F3"
    (tmp_path / "acme.txt").write_text("")
    with pytest.raises(ValueError, match="unsupported feed type .txt"):
        parse_feed(tmp_path / "acme.txt")
