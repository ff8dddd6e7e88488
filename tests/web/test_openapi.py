"""The OpenAPI document describes the JSON API as it really answers."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from jsonschema import Draft202012Validator, RefResolver

from bot.config import load_settings
from bot.web import create_app
from tests.support.servers import LiveServer

# (path, query) pairs that exercise each documented answer.
REQUESTS = [
    ("/api/jobs", {"q": "forklfit", "place": "Hartford", "size": "5"}, 200),
    ("/api/jobs", {"q": "cna", "place": "New Haven", "type": "part_time", "days": "30"}, 200),
    ("/api/jobs", {"place": "Springfield"}, 200),
    ("/api/jobs", {"radius": "far"}, 400),
    ("/api/jobs", {"q": "warehouse", "shift": "night", "min_pay": "17.5"}, 200),
    ("/api/jobs", {"shift": "graveyard"}, 400),
    ("/api/courses", {"topic": "excel"}, 200),
    ("/api/courses", {"program": "180 skills", "size": "3"}, 200),
    ("/api/courses", {"size": "lots"}, 400),
    ("/api/places/resolve", {"q": "Mystic"}, 200),
    ("/api/places/resolve", {"q": "new london"}, 200),
    ("/api/places/resolve", {"q": "x" * 101}, 400),
]


@pytest.fixture(scope="module")
def document(demo_site: LiveServer) -> dict:
    response = demo_site.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    return response.json()


def _schema_for(document: dict, path: str, status: int) -> Draft202012Validator:
    operation = document["paths"][path.removeprefix("/api")]["get"]
    answer = operation["responses"][str(status)]
    if "$ref" in answer:
        answer = document["components"]["responses"][answer["$ref"].rsplit("/", 1)[-1]]
    schema = answer["content"]["application/json"]["schema"]
    return Draft202012Validator(schema, resolver=RefResolver.from_schema(document))


def test_every_api_route_is_documented_and_every_documented_path_exists(document):
    app = create_app(load_settings({"DATABASE_URL": "sqlite://"}))
    routes = {
        rule.rule.removeprefix("/api")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
    }
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == routes


def test_every_reference_in_the_document_resolves(document):
    resolver = RefResolver.from_schema(document)

    def refs(node):
        if isinstance(node, dict):
            if "$ref" in node:
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    found = list(refs(document))
    assert found
    for ref in found:
        resolver.resolve(ref)  # raises for a dangling reference


@pytest.mark.parametrize(("path", "query", "status"), REQUESTS)
def test_real_answers_match_the_documented_schema(demo_site, document, path, query, status):
    response = demo_site.get(path, **query)
    assert response.status_code == status
    errors = [e.message for e in _schema_for(document, path, status).iter_errors(response.json())]
    assert errors == []


def test_the_schema_check_catches_an_answer_that_differs_from_the_document(demo_site, document):
    answer = demo_site.get("/api/jobs", q="cna", place="Hartford").json()
    assert answer["jobs"]
    del answer["jobs"][0]["title"]
    answer["has_more"] = "yes"
    errors = list(_schema_for(document, "/api/jobs", 200).iter_errors(answer))
    assert len(errors) == 2


# A value the API accepts for each required parameter, so that only the one parameter
# under test is wrong.
VALID = {"q": "Mystic"}


def _violations(schema: dict) -> list[str]:
    """Values that break a documented parameter schema."""
    bad = []
    if schema.get("type") == "integer":
        bad += ["2.5", "many"]
    if schema.get("type") == "number":
        bad.append("many")
    if "minimum" in schema:
        bad.append(f"{schema['minimum'] - 1:g}")
    if "maximum" in schema:
        bad.append(f"{schema['maximum'] + 1:g}")
    if schema.get("minLength", 0) > 0:
        bad.append("")
    if "pattern" in schema:
        bad += ["   ", "%%", "\x1c"]
    if "maxLength" in schema:
        bad.append("x" * (schema["maxLength"] + 1))
    if "enum" in schema:
        bad.append("not-one-of-them")
    return bad


def test_every_documented_parameter_limit_is_what_the_api_enforces(demo_site, document):
    checked = 0
    for path, operations in document["paths"].items():
        for parameter in operations["get"].get("parameters", []):
            name = parameter["name"]
            base = {p["name"]: VALID[p["name"]] for p in operations["get"]["parameters"]
                    if p.get("required")}  # fmt: skip
            for value in _violations(parameter["schema"]):
                answer = demo_site.get(f"/api{path}", **{**base, name: value})
                assert answer.status_code == 400, (path, name, value)
                assert answer.json()["error"], (path, name, value)
                checked += 1
            if parameter.get("required"):
                missing = {k: v for k, v in base.items() if k != name}
                assert demo_site.get(f"/api{path}", **missing).status_code == 400, (path, name)
                checked += 1
    assert checked >= 20


def test_posting_times_carry_their_timezone(demo_site):
    jobs = demo_site.get("/api/jobs", q="cna", place="Hartford").json()["jobs"]
    assert jobs
    for job in jobs:
        assert datetime.fromisoformat(job["posted_at"]).utcoffset() == timedelta(0)
