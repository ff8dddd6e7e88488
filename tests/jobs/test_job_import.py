"""Job feed import: XML, JSON-LD and CSV parsing, validation, and the demo feed generator."""

from __future__ import annotations

import io
import json
import time
from datetime import date, datetime, timedelta

import pytest

from bot.jobs.dates import parse_datetime
from bot.jobs.demo_feed import generate_jobs, main, write_indeed_xml
from bot.jobs.demo_industries import load_demo_data
from bot.jobs.importers import parse_csv, parse_feed, parse_indeed_xml, parse_jobposting_jsonld
from bot.jobs.job_types import normalize_job_type
from bot.jobs.records import DESCRIPTION_MAX, JobRecord, Reject, validate
from bot.jobs.salary import parse_salary

GOOD = {
    "title": "Forklift Operator",
    "referencenumber": "R1",
    "company": "Nutmeg Logistics",
    "city": "Hartford",
    "state": "CT",
    "postalcode": "06106",
    "date": "2026-11-20",
    "description": "Move pallets.",
}


def _raw(**changes: object) -> dict[str, object]:
    raw = dict(GOOD)
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    return raw


def _record(**changes: object) -> JobRecord:
    result = validate(_raw(**changes), "test", "record 1")
    assert isinstance(result, JobRecord), result
    return result


def _reason(**changes: object) -> str:
    result = validate(_raw(**changes), "test", "record 1")
    assert isinstance(result, Reject), result
    return result.reason


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


# --- Indeed-style XML -------------------------------------------------------------------


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


# --- JSON-LD ----------------------------------------------------------------------------


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


# --- CSV --------------------------------------------------------------------------------


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


# --- validation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$18 - $22 per hour", (18.0, 22.0, "hour")),
        ("$18.50/hr", (18.5, 18.5, "hour")),
        ("$55,000 - $65,000 a year", (55000.0, 65000.0, "year")),
        ("55K-65K yearly", (55000.0, 65000.0, "year")),
        ("$55-65k per year", (55000.0, 65000.0, "year")),
        ("Up to $25 an hour", (None, 25.0, "hour")),
        ("Starting at $20/hour", (20.0, None, "hour")),
        ("$900 weekly", (900.0, 900.0, "week")),
        ("$140 per day", (140.0, 140.0, "day")),
        ("$4,000/month", (4000.0, 4000.0, "month")),
        ("between 20 and 24 dollars hourly", (20.0, 24.0, "hour")),
        ("$22 - $18 an hour", (18.0, 22.0, "hour")),
        ("$18 - $22", (18.0, 22.0, "hour")),
        ("$70,000", (70000.0, 70000.0, "year")),
        ("$20/hr plus 401k", (20.0, 20.0, "hour")),
        ("Competitive", (None, None, None)),
        ("DOE", (None, None, None)),
    ],
)
def test_salary_text(text, expected):
    assert parse_salary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 02 Nov 2026 10:00:00 GMT", datetime(2026, 11, 2, 10, 0)),
        ("Mon, 02 Nov 2026 10:00:00 -0500", datetime(2026, 11, 2, 15, 0)),
        ("Mon, 02 Nov 2026 10:00:00 EST", datetime(2026, 11, 2, 15, 0)),
        ("2026-11-02T10:00:00Z", datetime(2026, 11, 2, 10, 0)),
        ("2026-11-02T10:00:00.123456789+01:00", datetime(2026, 11, 2, 9, 0, 0, 123456)),
        ("2026-11-02T10:00:00", datetime(2026, 11, 2, 10, 0)),
        ("2026-11-02 10:00", datetime(2026, 11, 2, 10, 0)),
        ("2026-11-02", datetime(2026, 11, 2)),
        ("11/02/2026", datetime(2026, 11, 2)),
        ("11/2/2026 3:30 PM", datetime(2026, 11, 2, 15, 30)),
        (date(2026, 11, 2), datetime(2026, 11, 2)),
    ],
)
def test_date_formats(text, expected):
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["32/13/2024", "2026-02-30", "yesterday", "", "13/01/2026"])
def test_bad_dates_raise_value_error(text):
    with pytest.raises(ValueError):
        parse_datetime(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Full-time", "full_time"),
        ("FULL_TIME", "full_time"),
        ("part time", "part_time"),
        ("Contract", "contract"),
        ("Temporary", "temporary"),
        ("Temp-to-hire", "temporary"),
        ("Per Diem", "per_diem"),
        ("PRN", "per_diem"),
        ("Internship", "internship"),
        ("Full-time, Part-time", "full_time"),
        (["OTHER", "PART_TIME"], "part_time"),
        ("Volunteer", None),
    ],
)
def test_job_type_text(text, expected):
    assert normalize_job_type(text) == expected


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"title": None}, "missing title"),
        ({"referencenumber": "  "}, "missing reference number"),
        ({"company": None}, "missing company"),
        ({"city": None, "postalcode": None}, "missing city and postal code"),
        ({"state": "New York"}, "state is New York, not Connecticut"),
        ({"postalcode": "10001"}, "postal code 10001 is not in Connecticut"),
        ({"postalcode": "ABC"}, "bad postal code 'ABC'"),
        ({"country": "CA"}, "country is CA, not US"),
        ({"state": None, "postalcode": None}, "missing state and postal code"),
        ({"date": None}, "missing date"),
        ({"expirationdate": "soon"}, "bad expiration date 'soon'"),
        ({"title": "x" * 201}, "title is 201 characters long (limit 200)"),
        ({"title": {"text": "Cook"}}, "title is not text"),
    ],
)
def test_validation_reasons(changes, reason):
    assert _reason(**changes).startswith(reason)


def test_validation_normalizes_and_never_raises():
    record = _record(
        state=None,
        postalcode="6106",
        title="Cook\x00\x07 \u200bII",
        description="x " * 8000,
        salary_min="18",
        salary_max=22,
        salary_unit="HOUR",
        salary="$1 - $2",
        url="http://jobs.example.org/a?b=1&c=2",
        date=datetime(2026, 11, 2, 10, 0),
    )
    assert (record.state, record.postal_code, record.title) == ("CT", "06106", "Cook II")
    assert DESCRIPTION_MAX - 100 < len(record.description) <= DESCRIPTION_MAX
    assert record.description.endswith("x…")
    assert (record.salary_min, record.salary_max, record.salary_unit) == (18.0, 22.0, "hour")
    assert record.salary_text == "$1 - $2"
    assert record.url == "http://jobs.example.org/a?b=1&c=2"
    assert isinstance(validate(["not", "a", "dict"], "x", "record 9"), Reject)  # type: ignore[arg-type]
    assert isinstance(validate(_raw(date=object()), "x", "record 9"), Reject)


# --- demo feed --------------------------------------------------------------------------

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo_jobs() -> list[dict[str, str]]:
    return generate_jobs(2500, TODAY)


def _xml_bytes(jobs: list[dict[str, str]]) -> bytes:
    out = io.BytesIO()
    write_indeed_xml(jobs, out)
    return out.getvalue()


def test_demo_feed_is_deterministic(demo_jobs):
    assert _xml_bytes(generate_jobs(2500, TODAY)) == _xml_bytes(demo_jobs)
    assert _xml_bytes(generate_jobs(2500, TODAY, seed=7)) != _xml_bytes(demo_jobs)
    assert generate_jobs(50, TODAY) == demo_jobs[:50]


def test_demo_feed_is_spread_over_towns_and_industries(demo_jobs):
    assert len(demo_jobs) >= 2000
    assert len({job["postalcode"] for job in demo_jobs}) >= 100
    assert len({job["city"] for job in demo_jobs}) >= 100
    assert len({job["category"] for job in demo_jobs}) >= 15
    assert len({job["company"] for job in demo_jobs}) >= 60
    assert len({job["referencenumber"] for job in demo_jobs}) == len(demo_jobs)
    cities = [job["city"] for job in demo_jobs]
    assert cities.count("Hartford") > cities.count("Bethlehem")


def test_demo_roles_cover_the_common_entry_level_titles():
    industries = load_demo_data().industries
    titles = " / ".join(role.title for industry in industries for role in industry.roles)
    for title in (
        "Certified Nursing Assistant (CNA)",
        "Licensed Practical Nurse (LPN)",
        "Home Health Aide",
        "Forklift Operator",
        "CDL Class A Truck Driver",
        "CNC Machinist",
        "Cashier",
        "Line Cook",
        "Housekeeper",
        "Electrician",
        "Help Desk Technician",
        "Bank Teller",
        "Paraprofessional",
        "Customer Service Representative",
        "Security Officer",
        "Janitor",
        "Case Manager",
        "Auto Technician",
    ):
        assert title in titles
    assert all(len(industry.employers) >= 4 for industry in industries)


def test_every_demo_job_validates_within_the_last_45_days(demo_jobs):
    records = [validate(job, "demo", f"record {i}") for i, job in enumerate(demo_jobs, 1)]
    assert [r for r in records if isinstance(r, Reject)] == []
    end_of_today = datetime.combine(TODAY, datetime.min.time()) + timedelta(days=1)
    assert all(end_of_today - timedelta(days=45) <= r.posted_at < end_of_today for r in records)
    assert all(
        r.posted_at <= datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=6)
        for r in records
        if r.posted_at.date() == TODAY
    )
    assert sum(r.posted_at.date() >= TODAY - timedelta(days=7) for r in records) > len(records) / 4
    assert {r.job_type for r in records} >= {"full_time", "part_time", "temporary", "per_diem"}
    assert {r.salary_unit for r in records} >= {"hour", "year"}
    with_pay = [r for r in records if r.salary_text]
    assert all(r.salary_unit for r in with_pay) and len(with_pay) > len(records) * 0.8
    assert all(r.url == f"https://jobs.example.org/demo/{r.reference}" for r in records)
    assert any(r.valid_through for r in records) and not all(r.valid_through for r in records)
    assert all(2 <= r.description.count(". ") + 1 <= 4 for r in records)


def test_demo_feed_round_trips_through_the_xml_parser(demo_jobs):
    result = parse_indeed_xml(_xml_bytes(demo_jobs), "demo")
    assert result.rejects == []
    assert len(result.records) == len(demo_jobs)
    direct = [validate(job, "demo", "x") for job in demo_jobs]
    assert result.records == direct


def test_demo_feed_command_writes_the_file(tmp_path, capsys):
    out = tmp_path / "var" / "demo.xml"
    assert main(["--count", "30", "--out", str(out), "--today", "2026-11-25", "--seed", "3"]) == 0
    assert "wrote 30 jobs" in capsys.readouterr().out
    assert len(parse_feed(out, "demo").records) == 30
