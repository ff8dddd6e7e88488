"""Connecticut geography: the 169 towns, their villages and ZIP codes, and place resolution.

``resolve("near W Hartford, CT")`` turns a texted place phrase into a :class:`PlaceMatch`;
``towns_within`` and ``distance_miles`` answer radius questions from town centers.
"""

from bot.geo.distance import distance_miles, towns_within
from bot.geo.places import Town, ZipCode, town, towns, zip_code
from bot.geo.resolver import PlaceMatch, resolve

__all__ = [
    "PlaceMatch",
    "Town",
    "ZipCode",
    "distance_miles",
    "resolve",
    "town",
    "towns",
    "towns_within",
    "zip_code",
]
