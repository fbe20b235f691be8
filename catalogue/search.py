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

from catalogue.queries import list_services, list_units
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
    query: Query | None = None  # what found it

    @property
    def snippet(self) -> str:
        """HTML-escaped title with the matching words in <mark>, made when a page shows it."""
        return analysis.highlight(self.title, self.query) if self.query is not None else ""


@dataclass(frozen=True, slots=True)
class GroupPostings:
    """Per field: the documents where a query group occurs (`matched`), where its typed word occurs as
    typed (`word`) and as a whole word (`whole`); `in_fields` is `matched` of all fields together, `anywhere`
    the group in the fields' texts joined (what decides whether a typed word is corrected)."""

    matched: tuple[int, ...]
    in_fields: int
    anywhere: int
    word: tuple[int, ...]
    whole: tuple[int, ...]


@dataclass(slots=True)
class Result:
    hits: list[Hit]
    notices: list[Notice]
    corrected: dict[str, str]


FIELDS = tuple(WEIGHTS)
FIELD_WEIGHTS = tuple(WEIGHTS.values())
MAX_MEMO = 20_000  # alternatives remembered per index (each one scanned once; a typed string cannot grow it past)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class SearchIndex:
    """The published catalogue, precomputed for matching: per field, the folded text of every document.

    A query alternative ("akta", "kelahiran", "ktp") is looked up in every document once per index and
    remembered as bit masks (bit i = document i), one per field; a query is then a few integer operations
    over its groups' masks, and only the documents that match are scored and highlighted. The results are
    the same as matching every document with portal.fulltext.analysis.group_in.
    """

    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents
        self.vocabulary: set[str] = set()
        for document in documents:
            for text in document.fields.values():
                self.vocabulary.update(w for w in text.split() if len(w) >= 3 and not w.isdigit())
        # Per field (and the fields joined, as the "found anywhere" check sees them): text and " text ".
        self._texts = [[document.fields.get(name, "") for document in documents] for name in FIELDS] + [
            [" ".join(document.fields.values()) for document in documents]
        ]
        self._padded = [[f" {text} " for text in texts] for texts in self._texts]
        self._memo: dict[tuple[str, bool], tuple[int, ...]] = {}
        self._group_memo: dict[analysis.Group, GroupPostings] = {}
        # Every vocabulary word under itself and under each of its one-letter deletions: the words one typo
        # away from a typed word share a key with it (SymSpell's candidate lookup).
        self._near: dict[str, set[str]] = {}
        for word in self.vocabulary:
            for key in {word, *_deletions(word)}:
                self._near.setdefault(key, set()).add(word)
        self.built_at = time.monotonic()

    def _candidates(self, words: list[str]) -> set[str]:
        """Vocabulary words that may be one edit away from one of `words` (a superset of them;
        analysis.with_corrections keeps only the true ones)."""
        candidates: set[str] = set()
        for word in words:
            for key in {word, *_deletions(word)}:
                candidates |= self._near.get(key, set())
        return candidates

    def _masks(self, alternative: str, *, whole_word: bool) -> tuple[int, ...]:
        """Per field (the joined text last): the documents containing `alternative` (as a whole word when
        `whole_word`, else anywhere)."""
        key = (alternative, whole_word)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MAX_MEMO:
                self._memo.clear()
            if whole_word:
                needle, texts = f" {alternative} ", self._padded
            else:
                needle, texts = alternative, self._texts
            found = tuple(sum(1 << i for i, text in enumerate(field_texts) if needle in text) for field_texts in texts)
            self._memo[key] = found
        return found

    def _group_masks(self, group: analysis.Group) -> tuple[int, ...]:
        """analysis.group_in over every document, per field: short alternatives as whole words, long ones
        anywhere."""
        masks = [0] * (len(FIELDS) + 1)
        for alternative in group.alternatives:
            short = len(alternative) < analysis.WHOLE_WORD_BELOW
            for position, mask in enumerate(self._masks(alternative, whole_word=short)):
                masks[position] |= mask
        return tuple(masks)

    def _group_postings(self, group: analysis.Group) -> GroupPostings:
        """The documents a query group occurs in, remembered per group like `_masks` per alternative."""
        found = self._group_memo.get(group)
        if found is None:
            if len(self._group_memo) >= MAX_MEMO:
                self._group_memo.clear()
            matched = self._group_masks(group)
            in_fields = 0
            for mask in matched[: len(FIELDS)]:
                in_fields |= mask
            found = GroupPostings(
                matched=matched[: len(FIELDS)],
                in_fields=in_fields,
                anywhere=matched[-1],
                word=self._masks(group.word, whole_word=len(group.word) < analysis.WHOLE_WORD_BELOW)[: len(FIELDS)],
                whole=self._masks(group.word, whole_word=True)[: len(FIELDS)],
            )
            self._group_memo[group] = found
        return found

    def _scores(self, query: Query) -> dict[int, float]:
        """Sum over the query's groups of the best field weight × match quality (a whole word 1.0, inside a
        longer word 0.9, through its root or a synonym 0.8). A query of three words or more may miss one."""
        per_group = [self._group_postings(group) for group in query.groups]
        masks = [postings.in_fields for postings in per_group]
        if len(masks) >= 3:  # in every group but at most one
            candidates = 0
            for skipped in range(len(masks)):
                in_others = -1  # every document
                for position, mask in enumerate(masks):
                    if position != skipped:
                        in_others &= mask
                candidates |= in_others
        else:
            candidates = -1
            for mask in masks:
                candidates &= mask
        scores: dict[int, float] = {}
        while candidates > 0:
            bit = candidates & -candidates
            candidates ^= bit
            index = bit.bit_length() - 1
            score = 0.0
            for postings in per_group:
                best = 0.0
                for weight, matched, word, whole in zip(
                    FIELD_WEIGHTS, postings.matched, postings.word, postings.whole, strict=True
                ):
                    if matched & bit:
                        quality = 1.0 if whole & bit else 0.9 if word & bit else 0.8
                        best = max(best, weight * quality)
                score += best
            scores[index] = score
        return scores

    def run(self, text: str, *, limit: int = 30) -> Result:
        query = analysis.analyse(text)
        if query.empty:
            return Result([], list(query.notices), {})
        found = {group.word: self._group_postings(group).anywhere != 0 for group in query.groups}
        if not all(found.values()):
            missed = [word for word, hit in found.items() if not hit]
            query = analysis.with_corrections(query, self._candidates(missed), found)
        scored = [(score, self.documents[index]) for index, score in sorted(self._scores(query).items()) if score > 0]
        scored.sort(key=lambda pair: (-pair[0], pair[1].kind != "service", pair[1].title))
        if scored:
            floor = scored[0][0] * RELATIVE_CUTOFF
            scored = [pair for pair in scored if pair[0] >= floor]
        hits = [
            Hit(
                document.kind,
                document.title,
                document.url,
                document.data,
                score,
                query,
            )
            for score, document in scored[:limit]
        ]
        return Result(hits, list(query.notices), query.corrected)

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
