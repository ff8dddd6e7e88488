"""Great-circle distances in miles and radius queries over town centers."""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt

from bot.geo.places import Town, towns

EARTH_RADIUS_MILES = 3958.8


def distance_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in statute miles between two points given in degrees."""
    phi1, phi2 = radians(lat1), radians(lat2)
    dphi = phi2 - phi1
    dlam = radians(lon2 - lon1)
    h = sin(dphi / 2) ** 2 + cos(phi1) * cos(phi2) * sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * asin(min(1.0, sqrt(h)))


def towns_within(lat: float, lon: float, radius_miles: float) -> list[tuple[Town, float]]:
    """Towns whose center lies within ``radius_miles`` of the point, nearest first."""
    found = []
    for t in towns():
        miles = distance_miles(lat, lon, t.lat, t.lon)
        if miles <= radius_miles:
            found.append((t, miles))
    found.sort(key=lambda pair: (pair[1], pair[0].name))
    return found
