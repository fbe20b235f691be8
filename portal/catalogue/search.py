"""Indonesian-friendly search over published services and units, in memory.

The index is built from the database on first use, kept on `app.state`, and dropped by
`invalidate(app)` after every catalogue edit (and after `INDEX_TTL_SECONDS` at the latest, so other
workers catch up). Matching is case- and diacritics-insensitive, knows common abbreviations
(KTP ↔ KTP-el ↔ e-KTP ↔ kartu tanda penduduk, KK ↔ kartu keluarga, akta ↔ akte, IMB ↔ PBG, ...),
accepts prefixes ("pusk" finds puskesmas) and one typo in words of five letters or more.
"""

from __future__ import annotations

import asyncio
import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from litestar import Litestar

INDEX_TTL_SECONDS = 300
STATE_KEY = "catalogue_search_index"
LOCK_KEY = "catalogue_search_lock"

# Multi-word names are folded into one canonical token before splitting into words.
PHRASES: tuple[tuple[str, str], ...] = (
    ("kartu tanda penduduk elektronik", "ktp"),
    ("kartu tanda penduduk", "ktp"),
    ("ktp elektronik", "ktp"),
    ("ktp el", "ktp"),
    ("kartu keluarga", "kk"),
    ("kartu identitas anak", "kia"),
    ("izin mendirikan bangunan", "pbg"),
    ("persetujuan bangunan gedung", "pbg"),
    ("pusat kesehatan masyarakat", "puskesmas"),
    ("rumah sakit umum daerah", "rsud"),
    ("nomor induk berusaha", "nib"),
    ("surat keterangan", "suket"),
    ("air minum", "pdam"),
)
# Single words (after diacritics and hyphens are folded) -> canonical token.
SYNONYMS: dict[str, str] = {
    "ktp": "ktp",
    "ktpel": "ktp",
    "ektp": "ktp",
    "kk": "kk",
    "akte": "akta",
    "akta": "akta",
    "imb": "pbg",
    "pbg": "pbg",
    "puskesmas": "puskesmas",
    "pkm": "puskesmas",
    "rsud": "rsud",
    "suket": "suket",
    "pdam": "pdam",
    "perumda": "pdam",
    "nib": "nib",
    "oss": "nib",
    "lahir": "kelahiran",
    "kelahiran": "kelahiran",
    "mati": "kematian",
    "meninggal": "kematian",
    "kematian": "kematian",
    "nikah": "perkawinan",
    "kawin": "perkawinan",
    "perkawinan": "perkawinan",
    "pernikahan": "perkawinan",
    "pindah": "pindah",
    "pindahan": "pindah",
}
STOPWORDS = frozenset(
    {
        "dan", "atau", "di", "ke", "dari", "yang", "untuk", "dengan", "pada", "dalam", "oleh", "bagi", "cara",
        "bagaimana", "mengurus", "urus", "membuat", "buat", "bikin", "layanan", "pelayanan", "mau", "ingin",
        "saya", "the", "of", "a",
    }
)
# Field weights: a word in the service name counts most.
WEIGHTS = {"title": 4.0, "unit": 2.0, "summary": 1.5, "body": 0.6}


def fold(text: str, *, keep_phrases: bool = False) -> str:
    """Lower case, no diacritics, only letters/digits/spaces; known phrases folded into one token.

    Queries replace a phrase by its token ("kartu keluarga" -> "kk"); documents keep the words too
    (keep_phrases), so "keluarga" alone still finds them.
    """
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b([a-z])-([a-z]{2,})\b", r"\1\2", text)  # e-ktp -> ektp
    text = re.sub(r"\b([a-z]{2,})-(el|elektronik)\b", r"\1el", text)  # ktp-el -> ktpel
    text = re.sub(r"[^a-z0-9]+", " ", text)
    for phrase, token in PHRASES:
        text = re.sub(rf"\b{phrase}\b", f"{phrase} {token}" if keep_phrases else token, text)
    return text


def tokens(text: str, *, keep_phrases: bool = False) -> list[str]:
    return [SYNONYMS.get(word, word) for word in fold(text, keep_phrases=keep_phrases).split()]


def document_tokens(text: str) -> set[str]:
    return set(tokens(text, keep_phrases=True))


def query_tokens(query: str) -> list[str]:
    seen: list[str] = []
    for token in tokens(query):
        if token not in STOPWORDS and token not in seen:
            seen.append(token)
    return seen


def within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


@dataclass(slots=True)
class Document:
    kind: str  # "service" | "unit"
    key: int
    title: str
    url: str
    data: dict[str, Any]
    fields: dict[str, set[str]] = field(default_factory=dict)


@dataclass(slots=True)
class Hit:
    kind: str
    title: str
    url: str
    data: dict[str, Any]
    score: float


class SearchIndex:
    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents
        self.vocabulary: set[str] = set()
        for document in documents:
            for words in document.fields.values():
                self.vocabulary |= words
        self.built_at = time.monotonic()

    def _expand(self, token: str) -> dict[str, float]:
        """Vocabulary words a query token stands for, with a match quality (1 exact ... 0.6 typo)."""
        matches: dict[str, float] = {}
        if token in self.vocabulary:
            matches[token] = 1.0
        if len(token) >= 3:
            for word in self.vocabulary:
                if word != token and word.startswith(token):
                    matches.setdefault(word, 0.8)
        if len(token) >= 5:
            for word in self.vocabulary:
                if word not in matches and abs(len(word) - len(token)) <= 1 and within_one_edit(token, word):
                    matches[word] = 0.6
        return matches

    def search(self, query: str, *, limit: int = 30) -> list[Hit]:
        wanted = query_tokens(query)
        if not wanted:
            return []
        expansions = [self._expand(token) for token in wanted]
        if any(not e for e in expansions):
            return []
        hits = []
        for document in self.documents:
            score = 0.0
            for expansion in expansions:
                best = 0.0
                for field_name, words in document.fields.items():
                    for word, quality in expansion.items():
                        if word in words:
                            best = max(best, quality * WEIGHTS[field_name])
                if best == 0.0:
                    break
                score += best
            else:
                hits.append(Hit(document.kind, document.title, document.url, document.data, score))
        hits.sort(key=lambda h: (-h.score, h.kind != "service", h.title))
        return hits[:limit]


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
            "title": document_tokens(service["name"]),
            "unit": document_tokens(service["unit_name"]),
            "summary": document_tokens(service["summary"]),
            "body": document_tokens(body),
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
            "title": document_tokens(unit["name"]) | document_tokens(unit["unit_type"]),
            "unit": set(),
            "summary": document_tokens(unit["address"]),
            "body": set(),
        },
    )


async def build_index() -> SearchIndex:
    from portal.catalogue.services import list_services, list_units

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
