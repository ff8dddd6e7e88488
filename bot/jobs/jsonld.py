"""Reading schema.org JobPosting JSON-LD into raw feed dicts (see :mod:`bot.jobs.records`).

Finds the JSON-LD blocks of an HTML page, the JobPosting objects in each document and the
nodes they refer to by ``@id``, and maps each posting to the Indeed XML tag names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_LD_SCRIPT = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_LD_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_ADDRESS_TEXT = re.compile(
    r"\s*(?P<city>[^,]+?)\s*,\s*(?P<region>[A-Za-z. ]+?)\s*(?P<zip>\d{5}(?:-\d{4})?)?\s*"
)
_CT_REGIONS = {"ct", "conn", "connecticut"}


def json_blocks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, JSON text) of each ``application/ld+json`` script of an HTML page.

    Text that is not HTML is one block at offset 0. Comment and CDATA wrappers are blanked
    out with spaces, so that offsets and line numbers stay right.
    """
    if not text.lstrip().startswith("<"):
        yield 0, text
        return
    for match in _LD_SCRIPT.finditer(text):
        block = match.group(1)
        blanked = _LD_WRAPPER.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), block)
        yield match.start(1), blanked


def _types(node: dict[str, Any]) -> set[str]:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {re.split(r"[/:#]", k)[-1] for k in kinds if isinstance(k, str)}


def job_postings(node: Any) -> Iterator[dict[str, Any]]:
    """The JobPosting objects in a parsed JSON-LD document, in ``@graph`` and ItemLists too."""
    if isinstance(node, list):
        for item in node:
            yield from job_postings(item)
        return
    if not isinstance(node, dict):
        return
    kinds = _types(node)
    if "JobPosting" in kinds:
        yield node
    for key in ("@graph", "itemListElement"):
        if key in node:
            yield from job_postings(node[key])
    if "ListItem" in kinds and "item" in node:
        yield from job_postings(node["item"])


def nodes_by_id(doc: Any) -> dict[str, dict[str, Any]]:
    """The document's nodes by ``@id``, to resolve references such as ``{"@id": "#org"}``."""
    nodes: dict[str, dict[str, Any]] = {}
    pending = [doc]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            if isinstance(node.get("@id"), str) and len(node) > 1:
                nodes.setdefault(node["@id"], node)
            pending.extend(v for k, v in node.items() if k == "@graph")
    return nodes


def _resolve(value: Any, nodes: dict[str, dict[str, Any]]) -> Any:
    value = _first(value)
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
        return nodes.get(value["@id"], value)
    return value


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return next((item for item in value if item not in (None, "", {}, [])), None)
    return value


def _name(value: Any) -> Any:
    value = _first(value)
    if isinstance(value, dict):
        return _first(value.get("name") or value.get("@value") or value.get("codeValue"))
    return value


def _identifier(value: Any) -> Any:
    value = _first(value)
    if isinstance(value, dict):
        return _first(value.get("value") or value.get("@value"))
    return value


def posting_fields(posting: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One JobPosting as raw feed fields (Indeed XML tag names).

    ``nodes`` (from :func:`nodes_by_id`) resolves ``@id`` references; of several locations
    the first one in Connecticut is used.
    """
    address = _ct_address(posting.get("jobLocation"), nodes)
    return {
        "title": _first(posting.get("title")) or _first(posting.get("name")),
        "referencenumber": _identifier(posting.get("identifier")) or _first(posting.get("url")),
        "company": _name(_resolve(posting.get("hiringOrganization"), nodes)),
        "city": address.get("addressLocality"),
        "state": address.get("addressRegion"),
        "postalcode": address.get("postalCode"),
        "country": _name(address.get("addressCountry")),
        "description": _first(posting.get("description")),
        "url": _first(posting.get("url")),
        "jobtype": posting.get("employmentType"),
        "category": _name(posting.get("occupationalCategory")) or _name(posting.get("industry")),
        "date": _first(posting.get("datePosted")),
        "expirationdate": _first(posting.get("validThrough")),
        **_base_salary(_first(posting.get("baseSalary") or posting.get("estimatedSalary"))),
    }


def _ct_address(locations: Any, nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    places = locations if isinstance(locations, list) else [locations]
    addresses = [_address(_resolve(place, nodes), nodes) for place in places]
    addresses = [a for a in addresses if a]
    for address in addresses:
        region = address.get("addressRegion")
        postal = address.get("postalCode")
        if (isinstance(region, str) and region.strip().lower().rstrip(".") in _CT_REGIONS) or (
            isinstance(postal, str) and postal.strip().startswith("06")
        ):
            return address
    return addresses[0] if addresses else {}


def _address(place: Any, nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if isinstance(place, dict) and "address" in place:
        place = _resolve(place["address"], nodes)
    if isinstance(place, str):
        match = _ADDRESS_TEXT.fullmatch(place)
        if not match:
            return {}
        return {
            "addressLocality": match["city"],
            "addressRegion": match["region"],
            "postalCode": match["zip"],
        }
    if not isinstance(place, dict):
        return {}
    fields = ("addressLocality", "addressRegion", "postalCode", "addressCountry")
    return {key: _first(place.get(key)) for key in fields}


def _base_salary(amount: Any) -> dict[str, Any]:
    if isinstance(amount, (int, float, str)) and not isinstance(amount, bool):
        return {"salary": str(amount)}
    if not isinstance(amount, dict):
        return {}
    currency = amount.get("currency")
    if isinstance(currency, str) and currency.strip().upper() not in ("", "USD"):
        return {}
    value = _first(amount.get("value"))
    unit = amount.get("unitText")
    if isinstance(value, dict):
        unit = value.get("unitText") or unit
        low, high = value.get("minValue"), value.get("maxValue")
        if low is None and high is None:
            low = high = value.get("value")
    else:
        low = high = value
    return {"salary_min": low, "salary_max": high, "salary_unit": _first(unit)}
