"""The hand-written material the corpus generator composes (data files in ``ml/corpus/material/``).

``fragments.json`` holds, per topic, ``problems`` and ``details`` as ``[text, [aspects]]`` and ``asks``
as text, plus the shared lists (greetings, invented names and places, one-liners, fillers, mixed-topic
combinations). ``{place}``, ``{person}``, ``{n}``, ``{money}``, ``{office}`` are filled in by the
generator from the invented lists, so names and places appear evenly across topics and cannot drive
the prediction. ``handwritten.csv`` holds complete complaints written by hand (``text, topic,
aspects`` with ``;``-separated SKM unsur codes, and the ``set`` they were added in). Everything was
written for this project (README.md next to the files).
"""

import csv
import json
from pathlib import Path
from typing import Any

MATERIAL = Path(__file__).with_name("material")

Frag = tuple[str, tuple[str, ...]]


def _frag(item: list[Any]) -> Frag:
    return (item[0], tuple(item[1]))


def _load() -> dict[str, Any]:
    return json.loads((MATERIAL / "fragments.json").read_text(encoding="utf-8"))


_DATA = _load()

TOPIC_FRAGMENTS: dict[str, dict[str, list[Any]]] = {
    topic: {
        "problems": [_frag(item) for item in parts["problems"]],
        "details": [_frag(item) for item in parts["details"]],
        "asks": list(parts["asks"]),
    }
    for topic, parts in _DATA["topic_fragments"].items()
}
GENERIC_DETAILS: list[Frag] = [_frag(item) for item in _DATA["generic_details"]]
COMBOS: dict[str, tuple[list[str], list[Frag]]] = {
    name: (list(words), [_frag(item) for item in frags]) for name, (words, frags) in _DATA["combos"].items()
}
ONE_LINERS: dict[str, list[str]] = {topic: list(lines) for topic, lines in _DATA["one_liners"].items()}
GREETINGS: list[str] = _DATA["greetings"]
INTROS: list[str] = _DATA["intros"]
DURATIONS: list[str] = _DATA["durations"]
GENERIC_ASKS: list[str] = _DATA["generic_asks"]
CLOSINGS: list[str] = _DATA["closings"]
MIX_LINKS: list[str] = _DATA["mix_links"]
FIRST_NAMES: list[str] = _DATA["first_names"]
LAST_NAMES: list[str] = _DATA["last_names"]
PLACE_PREFIX: list[str] = _DATA["place_prefix"]
PLACE_SUFFIX: list[str] = _DATA["place_suffix"]
LANDMARKS: list[str] = _DATA["landmarks"]
ADDRESS_LINES: list[str] = _DATA["address_lines"]
OFFICES: list[str] = _DATA["offices"]
REGENTS: list[str] = _DATA["regents"]
FILLERS: list[str] = _DATA["fillers"]


def _handwritten() -> list[tuple[str, str, tuple[str, ...]]]:
    with (MATERIAL / "handwritten.csv").open(encoding="utf-8", newline="") as fh:
        return [
            (row["text"], row["topic"], tuple(filter(None, row["aspects"].split(";")))) for row in csv.DictReader(fh)
        ]


# complete complaints in the order the generator has always read them
HANDWRITTEN: list[tuple[str, str, tuple[str, ...]]] = _handwritten()
