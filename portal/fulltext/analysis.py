"""What a citizen typed, made searchable: folding, synonyms, simple Indonesian stemming, notices, snippets.

The same analysis serves every search backend (portal.fulltext.backends) so SQLite and PostgreSQL find
the same rows. A query becomes *groups*: one per word or known phrase, each a set of alternatives
(the word, its root, its synonyms). A text matches when every group has an alternative in it as a
substring of the folded text; alternatives shorter than four letters ("kk", "ktp", "sim") must be whole
words, so "sim" does not find "persimpangan".
"""

from __future__ import annotations

import html
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("synonyms.toml")
MAX_GROUPS = 8  # words of a query that count (the rest are ignored)
MIN_ROOT = 4
WHOLE_WORD_BELOW = 4  # alternatives shorter than this match whole words only
STOPWORDS = frozenset(
    {
        "dan", "atau", "di", "ke", "dari", "yang", "untuk", "dengan", "pada", "dalam", "oleh", "bagi", "cara",
        "bagaimana", "mengurus", "urus", "membuat", "buat", "bikin", "layanan", "pelayanan", "mau", "ingin",
        "saya", "tidak", "ada", "apa", "ini", "itu", "sudah", "belum", "the", "of", "a", "how", "to", "get",
    }
)  # fmt: skip
PREFIXES = ("meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "per", "pe", "ber", "be", "ter", "di",
            "ke", "se")  # fmt: skip
SUFFIXES = ("nya", "lah", "kah", "kan", "an", "i")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case, no diacritics, letters and digits separated by single spaces."""
    text = text or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(_NOT_ALNUM.sub(" ", text.lower()).split())


def stem(word: str) -> str:
    """A rough Indonesian root: one suffix and up to two prefixes stripped while four letters remain
    ("perizinan" -> "izin", "pembuatan" -> "buat", "kerusakan" -> "rusak"). Words it cannot strip stay."""
    root = word
    for suffix in SUFFIXES:
        if root.endswith(suffix) and len(root) - len(suffix) >= MIN_ROOT:
            root = root[: -len(suffix)]
            break
    for _round in range(2):
        for prefix in PREFIXES:
            if root.startswith(prefix) and len(root) - len(prefix) >= MIN_ROOT:
                root = root[len(prefix) :]
                break
        else:
            break
    return root


@dataclass(frozen=True)
class Notice:
    key: str
    texts: dict[str, str]

    def text(self, language: str) -> str:
        return self.texts.get(language) or self.texts["id"]


@dataclass(frozen=True)
class Lexicon:
    groups: tuple[frozenset[str], ...]
    notices: tuple[tuple[frozenset[str], Notice], ...]

    @cached_property
    def _synonyms(self) -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for group in self.groups:
            for term in group:
                found.setdefault(term, set()).update(group)
        return {term: frozenset(terms) for term, terms in found.items()}

    def synonyms(self, phrase: str) -> frozenset[str]:
        return self._synonyms.get(phrase, frozenset())

    @cached_property
    def _phrases(self) -> tuple[str, ...]:
        terms = {t for g in self.groups for t in g} | {t for terms, _n in self.notices for t in terms}
        return tuple(sorted((t for t in terms if " " in t), key=lambda t: (-len(t), t)))

    @cached_property
    def _phrases_by_first_word(self) -> dict[str, tuple[tuple[int, str, str], ...]]:
        """Each phrase under its first word, with its place in `_phrases` and the " phrase " that finds it as
        whole words: a query is only tested for the phrases that start with one of its words."""
        found: dict[str, list[tuple[int, str, str]]] = {}
        for position, phrase in enumerate(self._phrases):
            found.setdefault(phrase.split()[0], []).append((position, phrase, f" {phrase} "))
        return {word: tuple(entries) for word, entries in found.items()}

    def phrases_in(self, folded_query: str) -> list[tuple[str, str]]:
        """The phrases that may occur in a folded query, longest first, each with its padded form."""
        by_word = self._phrases_by_first_word
        candidates = sorted(entry for word in set(folded_query.split()) for entry in by_word.get(word, ()))
        return [(phrase, padded) for _position, phrase, padded in candidates]

    @cached_property
    def _notice_terms_by_first_word(self) -> dict[str, tuple[tuple[int, str], ...]]:
        """Each notice's terms under their first word, as (the notice's place, " term ")."""
        found: dict[str, list[tuple[int, str]]] = {}
        for position, (terms, _notice) in enumerate(self.notices):
            for term in terms:
                found.setdefault(term.split()[0], []).append((position, f" {term} "))
        return {word: tuple(entries) for word, entries in found.items()}

    def notices_for(self, folded_query: str) -> list[Notice]:
        padded = f" {folded_query} "
        by_word = self._notice_terms_by_first_word
        found = {
            position
            for word in set(folded_query.split())
            for position, padded_term in by_word.get(word, ())
            if padded_term in padded
        }
        return [self.notices[position][1] for position in sorted(found)]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    groups = tuple(frozenset(fold(t) for t in entry["terms"]) for entry in data.get("group", []))
    notices = tuple(
        (frozenset(fold(t) for t in entry["terms"]), Notice(entry["key"], {"id": entry["id"], "en": entry["en"]}))
        for entry in data.get("notice", [])
    )
    return Lexicon(groups=groups, notices=notices)


@dataclass(frozen=True)
class Group:
    """One word (or known phrase) of the query and the texts that count as it."""

    word: str
    alternatives: frozenset[str]

    def short(self) -> frozenset[str]:
        return _split(self.alternatives)[0]

    def long(self) -> frozenset[str]:
        return _split(self.alternatives)[1]


@lru_cache(maxsize=4096)
def _split(alternatives: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(whole-word alternatives, substring alternatives) of a group."""
    return (
        frozenset(a for a in alternatives if len(a) < WHOLE_WORD_BELOW),
        frozenset(a for a in alternatives if len(a) >= WHOLE_WORD_BELOW),
    )


@dataclass(frozen=True)
class Query:
    text: str
    groups: tuple[Group, ...]
    notices: tuple[Notice, ...] = ()
    corrected: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.groups

    def matches(self, folded_text: str) -> bool:
        return all(group_in(group, folded_text) for group in self.groups)


@lru_cache(maxsize=4096)
def alternatives(word: str) -> frozenset[str]:
    lex = lexicon()
    found = {word} | set(lex.synonyms(word))
    if " " not in word:
        root = stem(word)
        if root != word:
            found.add(root)
            found |= lex.synonyms(root)
    return frozenset(found)


@lru_cache(maxsize=4096)
def group_for(word: str) -> Group:
    """The group of a word or known phrase: it and its alternatives."""
    return Group(word, alternatives(word))


def analyse(query: str) -> Query:
    """The groups and notices of what was typed (at most MAX_GROUPS groups)."""
    folded = fold(query)[:200]
    lex = lexicon()
    notices = tuple(lex.notices_for(folded))
    text = folded
    padded = f" {text} "
    pieces: list[str] = []
    for phrase, padded_phrase in lex.phrases_in(folded):  # known phrases stay together ("kartu keluarga", "izin usaha")
        if padded_phrase in padded:
            pieces.append(phrase)
            text = padded.replace(padded_phrase, " | ").strip()
            padded = f" {text} "
    words = [w for w in text.replace("|", " ").split() if w not in STOPWORDS]
    groups: list[Group] = []
    seen: set[str] = set()
    for word in [*pieces, *words]:
        if word in seen:
            continue
        seen.add(word)
        groups.append(group_for(word))
    return Query(text=folded, groups=tuple(groups[:MAX_GROUPS]), notices=notices)


def group_in(group: Group, folded_text: str) -> bool:
    padded = f" {folded_text} "
    return any(f" {a} " in padded for a in group.short()) or any(a in folded_text for a in group.long())


def with_corrections(query: Query, vocabulary: set[str], found: dict[str, bool]) -> Query:
    """Replace groups that matched nothing (`found[word]` False) by vocabulary words one typo away
    ("ktpp" -> "ktp", "puskesmaas" -> "puskesmas"). Words of three letters or fewer are not corrected."""
    groups = []
    corrected: dict[str, str] = {}
    for group in query.groups:
        if found.get(group.word, True) or len(group.word) < 4 or " " in group.word:
            groups.append(group)
            continue
        candidates = sorted(w for w in vocabulary if abs(len(w) - len(group.word)) <= 1 and one_edit(group.word, w))
        if not candidates:
            groups.append(group)
            continue
        best = candidates[0]
        corrected[group.word] = best
        groups.append(group_for(best))
    return Query(text=query.text, groups=tuple(groups), notices=query.notices, corrected=corrected)


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


# --- snippets ----------------------------------------------------------------------------------------


def _spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Where the query's alternatives occur in `text` (case- and diacritics-insensitive)."""
    lowered = unicodedata.normalize("NFKD", text).encode("ascii", "replace").decode().lower()
    # keep offsets: NFKD may change length, fall back to plain lower-casing when it does
    if len(lowered) != len(text):
        lowered = text.lower()
    spans = []
    for group in query.groups:
        for alt in group.alternatives:
            spans += [(m.start(), m.end()) for m in _alternative_pattern(alt).finditer(lowered)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@lru_cache(maxsize=4096)
def _alternative_pattern(alt: str) -> re.Pattern[str]:
    pattern = r"[^a-z0-9]+".join(map(re.escape, alt.split()))
    if len(alt) < WHOLE_WORD_BELOW:
        pattern = rf"(?<![a-z0-9]){pattern}(?![a-z0-9])"
    return re.compile(pattern)


def highlight(text: str, query: Query, *, width: int = 0) -> str:
    """HTML-escaped `text` with the matching parts in <mark>; `width` > 0 cuts a window around the first
    match ("… words around the match …"). The result is safe to mark |safe in a template."""
    text = text or ""
    spans = _spans(text, query) if not query.empty else []
    start, end = 0, len(text)
    if width and len(text) > width:
        centre = spans[0][0] if spans else 0
        start = max(0, centre - width // 3)
        end = min(len(text), start + width)
        spans = [(s, e) for s, e in spans if s >= start and e <= end]
    out, position = [], start
    for s, e in spans:
        out.append(html.escape(text[position:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        position = e
    out.append(html.escape(text[position:end]))
    return ("… " if start > 0 else "") + "".join(out) + (" …" if end < len(text) else "")
