"""Indonesian-friendly search over published services and units, in memory.

The index is built from the database on first use, kept on `app.state`, and dropped by
`invalidate(app)` after every catalogue edit (and after `INDEX_TTL_SECONDS` at the latest, so other
workers catch up). What a query means comes from portal.fulltext (the one place for folding, the
synonym and abbreviation list `portal/fulltext/synonyms.toml`, simple Indonesian stemming, typo
correction and the notices for services of instansi vertikal such as SIM, SKCK and paspor); this module
ranks the published catalogue by where the words occur.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from portal.catalogue.services import list_services, list_units
from portal.fulltext import analysis
from portal.fulltext.analysis import Notice, Query, fold

if TYPE_CHECKING:
    from litestar import Litestar

INDEX_TTL_SECONDS = 300
STATE_KEY = "catalogue_search_index"
LOCK_KEY = "catalogue_search_lock"


# Field weights: a word in the service name counts most.
WEIGHTS = {"title": 4.0, "unit": 2.0, "summary": 1.5, "body": 0.6}
RELATIVE_CUTOFF = 0.3  # hits scoring below this share of the best hit are noise ("ktp" in a requirement list)


def document_text(text: str) -> str:
    return fold(text)


@dataclass(slots=True)
class Document:
    kind: str  # "service" | "unit"
    key: int
    title: str
    url: str
    data: dict[str, Any]
    fields: dict[str, str] = field(default_factory=dict)  # folded text per field


@dataclass(slots=True)
class Hit:
    kind: str
    title: str
    url: str
    data: dict[str, Any]
    score: float
    snippet: str = ""  # HTML-escaped title with the matching words in <mark>


@dataclass(slots=True)
class Result:
    hits: list[Hit]
    notices: list[Notice]
    corrected: dict[str, str]


class SearchIndex:
    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents
        self.vocabulary: set[str] = set()
        for document in documents:
            for text in document.fields.values():
                self.vocabulary.update(w for w in text.split() if len(w) >= 3 and not w.isdigit())
        self.built_at = time.monotonic()

    def _score(self, document: Document, query: Query) -> float:
        """Sum over the query's groups of the best field weight × match quality (a whole word 1.0, inside a
        longer word 0.9, through its root or a synonym 0.8). A query of three words or more may miss one."""
        score = 0.0
        missing = 0
        for group in query.groups:
            best = 0.0
            word_only = analysis.Group(group.word, frozenset({group.word}))
            for field_name, text in document.fields.items():
                if not analysis.group_in(group, text):
                    continue
                if f" {group.word} " in f" {text} ":
                    quality = 1.0
                elif analysis.group_in(word_only, text):
                    quality = 0.9
                else:
                    quality = 0.8
                best = max(best, WEIGHTS[field_name] * quality)
            if best == 0.0:
                missing += 1
            score += best
        allowed = 1 if len(query.groups) >= 3 else 0
        return score if missing <= allowed else 0.0

    def run(self, text: str, *, limit: int = 30) -> Result:
        query = analysis.analyse(text)
        if query.empty:
            return Result([], list(query.notices), {})
        found = {
            g.word: any(analysis.group_in(g, " ".join(d.fields.values())) for d in self.documents) for g in query.groups
        }
        if not all(found.values()):
            query = analysis.with_corrections(query, self.vocabulary, found)
        hits = []
        for document in self.documents:
            score = self._score(document, query)
            if score > 0:
                hits.append(
                    Hit(
                        document.kind,
                        document.title,
                        document.url,
                        document.data,
                        score,
                        analysis.highlight(document.title, query),
                    )
                )
        hits.sort(key=lambda h: (-h.score, h.kind != "service", h.title))
        if hits:
            floor = hits[0].score * RELATIVE_CUTOFF
            hits = [h for h in hits if h.score >= floor]
        return Result(hits[:limit], list(query.notices), query.corrected)

    def search(self, text: str, *, limit: int = 30) -> list[Hit]:
        return self.run(text, limit=limit).hits


def service_document(service: dict[str, Any]) -> Document:
    version = service["current"] or {}
    body = " ".join([*version.get("requirements", []), *version.get("procedure", []), version.get("product", "")])
    return Document(
        kind="service",
        key=service["id"],
        title=service["name"],
        url=f"/layanan/{service['unit_slug']}/{service['slug']}",
        data={
            "id": service["id"],
            "name": service["name"],
            "summary": service["summary"],
            "unit_name": service["unit_name"],
            "unit_slug": service["unit_slug"],
            "fee_amount": version.get("fee_amount", 0),
            "duration_value": version.get("duration_value", 0),
            "duration_unit": version.get("duration_unit", "working_days"),
        },
        fields={
            "title": document_text(service["name"]),
            "unit": document_text(service["unit_name"]),
            "summary": document_text(service["summary"]),
            "body": document_text(body),
        },
    )


def unit_document(unit: dict[str, Any]) -> Document:
    return Document(
        kind="unit",
        key=unit["id"],
        title=unit["name"],
        url=f"/unit/{unit['slug']}",
        data={"id": unit["id"], "name": unit["name"], "unit_type": unit["unit_type"], "address": unit["address"]},
        fields={
            "title": document_text(f"{unit['name']} {unit['unit_type']}"),
            "unit": "",
            "summary": document_text(unit["address"]),
            "body": "",
        },
    )


async def build_index() -> SearchIndex:
    services = await list_services(published_only=True)
    units = await list_units(published_only=True)
    return SearchIndex([*map(service_document, services), *map(unit_document, units)])


async def get_index(app: Litestar) -> SearchIndex:
    index: SearchIndex | None = getattr(app.state, STATE_KEY, None)
    if index is not None and time.monotonic() - index.built_at < INDEX_TTL_SECONDS:
        return index
    lock = app.state.setdefault(LOCK_KEY, asyncio.Lock())
    async with lock:
        index = getattr(app.state, STATE_KEY, None)
        if index is None or time.monotonic() - index.built_at >= INDEX_TTL_SECONDS:
            index = await build_index()
            setattr(app.state, STATE_KEY, index)
    return index


def invalidate(app: Litestar) -> None:
    setattr(app.state, STATE_KEY, None)


async def search(app: Litestar, query: str, *, limit: int = 30) -> list[Hit]:
    return (await get_index(app)).search(query, limit=limit)


async def search_with_notices(app: Litestar, query: str, *, limit: int = 30) -> Result:
    """Hits plus the notices (where to go for SIM, SKCK, paspor ...) and the typo corrections made."""
    return (await get_index(app)).run(query, limit=limit)
