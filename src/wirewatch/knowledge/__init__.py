"""Knowledge bases: actors and places, with their spelling-tolerant matching key.

    from wirewatch.knowledge import ActorKB, Gazetteer, fold
    ActorKB.default().match("Hachd al-Chaabi")       # Popular Mobilization Forces
    Gazetteer.default().resolve("Bagdad", ("IQ",))   # Baghdad, IQ

All knowledge lives in data files under `wirewatch/data/actors/` and `wirewatch/data/places/`.
"""

from wirewatch.knowledge.actors import ActorKB, generic, qualified
from wirewatch.knowledge.gazetteer import Gazetteer, distance_km, place_key
from wirewatch.knowledge.normalise import fold

__all__ = ["ActorKB", "Gazetteer", "distance_km", "fold", "generic", "place_key", "qualified"]
