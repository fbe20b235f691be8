"""Mask personal data in complaint text before it is published or shared (docs/privacy.md, "Masking rules").

`redact(text, names)` replaces NIK (and any other 16-digit identity number such as a No. KK), Indonesian
phone numbers, e-mail addresses, home addresses and the reporter's name by fixed Indonesian markers
("[NIK disamarkan]" ...): masked text is stored once (the public copy, complaints.public_copy) and shown
to everybody as it is, independent of the viewer's language.

The rules normalise before they match. Detection runs on a *shadow* of the text that has exactly the
same length (so every match maps back to the original characters):

* full-width and other Unicode digits become ASCII digits, full-width punctuation its ASCII form;
* the look-alikes O/o (zero) and I/l/| (one) become digits inside or next to a group of digits;
* spelled-out Indonesian digits ("nol delapan satu dua ...") become the digit followed by filler;
* numbers are then read as groups of digits joined by any separator (space, dot, dash, slash,
  parentheses, plus, comma, up to three in a row), and every run of consecutive groups is tried:
  16 digits is a NIK, 08.. / +62 8.. / 62 8.. with 10-13 digits a mobile number, 0[2-79].. with 9-12
  digits a landline. Dates (18-01-2024) and clock times (08.30) never start a number.

E-mails are found in their obfuscated forms too (`nama [at] mail [dot] id`, `nama(at)mail.com`,
`nama @ gmail . com`, `nama@gmail`). Self-identification ("nama saya ...", "saya bernama ...",
"atas nama ...", "saya Pak/Bu ...") masks the following name words. Addresses: a street with a house
number, RT/RW, Gg./gang, blok and dusun are masked together with the address parts next to them
(house number, kampung, perumahan, street name); a street name alone ("Jalan Melati rusak") is kept,
it is usually what the complaint is about.

The unit's own published contacts (catalogue phone numbers, e-mails and addresses, passed as
`contacts`) are never masked.

False-positive guards: amounts (Rp 1.500.000), dates, times, short reference numbers and numbers
whose digit count and prefix do not fit a NIK or a phone number are left alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

NIK_MARK = "[NIK disamarkan]"
PHONE_MARK = "[nomor telepon disamarkan]"
EMAIL_MARK = "[email disamarkan]"
NAME_MARK = "[nama disamarkan]"
ADDRESS_MARK = "[alamat disamarkan]"
# Bump when the rules change: `portal complaints remask` rebuilds public copies made with older rules.
RULES_VERSION = 2

# --- published contacts (never masked) ---------------------------------------------------------------


def normalize_phone(text: str) -> str:
    """Digits of a phone number in national form (+62 / 62 prefix -> 0)."""
    digits = "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    return digits


def normalize_address(text: str) -> str:
    words = re.sub(r"[^0-9a-z]+", " ", text.lower()).split()
    aliases = {"jalan": "jl", "jln": "jl", "nomor": "no", "nmr": "no", "gang": "gg"}
    return " ".join(aliases.get(w, w.lstrip("0") or "0") for w in words)


@dataclass(frozen=True)
class PublishedContacts:
    """The catalogue's official phone numbers, e-mails and addresses: left as they are in masked text."""

    phones: frozenset[str] = field(default_factory=frozenset)
    emails: frozenset[str] = field(default_factory=frozenset)
    addresses: tuple[str, ...] = ()

    @classmethod
    def of(
        cls, phones: Iterable[str] = (), emails: Iterable[str] = (), addresses: Iterable[str] = ()
    ) -> PublishedContacts:
        return cls(
            phones=frozenset(p for p in (normalize_phone(x) for x in phones if x) if len(p) >= 5),
            emails=frozenset(e.strip().lower() for e in emails if e and "@" in e),
            addresses=tuple(a for a in (normalize_address(x) for x in addresses if x) if a),
        )

    def keeps_phone(self, digits: str) -> bool:
        return digits in self.phones

    def keeps_email(self, address: str) -> bool:
        return address in self.emails

    def keeps_address(self, text: str) -> bool:
        wanted = normalize_address(text)
        return bool(wanted) and any(wanted in official for official in self.addresses)


NO_CONTACTS = PublishedContacts()

# --- the shadow: same length as the text, digits normalised -----------------------------------------

_FILL = "\x00"
_PUNCT = str.maketrans(
    {
        "＠": "@",
        "．": ".",
        "－": "-",
        "／": "/",
        "（": "(",
        "）": ")",
        "＋": "+",
        "\u3000": " ",
        "\u00a0": " ",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
        "·": ".",
    }
)
_LOOKALIKE = str.maketrans("OoIl|", "00111")
_LOOKALIKE_CHUNK = re.compile(r"(?<![^\W\d_])[0-9OoIl|]*[0-9][0-9OoIl|]*(?![^\W\d_])")
_LOOKALIKE_BEFORE = re.compile(r"(?<![^\W\d_])[OoIl|]{1,6}(?=[\s.\-/_()]{1,3}[0-9])")
_LOOKALIKE_AFTER = re.compile(r"([0-9][\s.\-/_()]{1,3})([OoIl|]{1,6})(?![^\W\d_])")
_LOOKALIKE_NEAR_DIGIT = re.compile(r"[0-9][\s.\-/_()]{0,3}[OoIl|]|[OoIl|][\s.\-/_()]{0,3}[0-9]")
_DIGIT_WORDS = {
    "nol": "0",
    "kosong": "0",
    "satu": "1",
    "dua": "2",
    "tiga": "3",
    "empat": "4",
    "lima": "5",
    "enam": "6",
    "tujuh": "7",
    "delapan": "8",
    "sembilan": "9",
}
_NOT_DIGITS = str.maketrans("", "", "0123456789")
_DIGIT_WORD_RE = re.compile(r"\b(?:" + "|".join(_DIGIT_WORDS) + r")\b", re.IGNORECASE)


def _unicode_char(ch: str) -> str:
    if ch.isdecimal():
        return str(unicodedata.decimal(ch))
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def shadow_of(text: str) -> str:
    """The text with digits normalised for matching; shadow[i] always stands for text[i]."""
    shadow = text
    if not shadow.isascii():
        shadow = "".join(_unicode_char(ch) if ord(ch) > 127 else ch for ch in shadow.translate(_PUNCT))
    if len(shadow) != len(shadow.translate(_NOT_DIGITS)) and _LOOKALIKE_NEAR_DIGIT.search(shadow):
        shadow = _LOOKALIKE_CHUNK.sub(lambda m: m.group(0).translate(_LOOKALIKE), shadow)
        shadow = _LOOKALIKE_BEFORE.sub(lambda m: m.group(0).translate(_LOOKALIKE), shadow)
        for _round in range(8):  # "00 OO O": each round reaches one more look-alike group
            after = _LOOKALIKE_AFTER.sub(lambda m: m.group(1) + m.group(2).translate(_LOOKALIKE), shadow)
            if after == shadow:
                break
            shadow = after
    lower = shadow.lower()
    first = _DIGIT_WORD_RE.search(lower)
    if first and _DIGIT_WORD_RE.search(lower, first.end()):  # a spelled-out number needs several words
        shadow = _DIGIT_WORD_RE.sub(lambda m: _DIGIT_WORDS[m.group(0).lower()] + _FILL * (len(m.group(0)) - 1), shadow)
    return shadow


# --- numbers ------------------------------------------------------------------------------------------

_RUN_RE = re.compile(r"[0-9]+(?:\x00*[\s.\-/()+_,:]{0,3}[0-9]+)*")
_GROUP_RE = re.compile(r"[0-9]+")
_DATE_RE = re.compile(
    r"(?<![0-9])(?:(?:0?[1-9]|[12][0-9]|3[01])([./-])(?:0?[1-9]|1[0-2])\1(?:19|20)?[0-9]{2}"
    r"|(?:19|20)[0-9]{2}([./-])[01]?[0-9]\2[0-3]?[0-9])(?![0-9]|[./-][0-9])"
)
_TIME_RE = re.compile(
    r"(?<![0-9.:])(?:[01]?[0-9]|2[0-3])[.:][0-5][0-9]"
    r"(?:\s*(?:-|s\.?d\.?|sampai|hingga)\s*(?:[01]?[0-9]|2[0-3])[.:][0-5][0-9])?(?!\s*[-./:]?\s*[0-9])"
)


def _number_kind(digits: str) -> str | None:
    if len(digits) == 16 and digits[0] != "0":
        return NIK_MARK
    national = "0" + digits[2:] if digits.startswith("62") else digits
    if national.startswith("08") and national[2:3] != "0" and 10 <= len(national) <= 13:
        return PHONE_MARK  # 0800 / 0804 / 0807 are toll-free or premium lines of organisations
    if len(national) >= 2 and national[0] == "0" and national[1] in "2345679" and 9 <= len(national) <= 12:
        return PHONE_MARK
    return None


def _number_spans(text: str, shadow: str, contacts: PublishedContacts) -> list[tuple[int, int, str]]:
    if len(shadow) - len(shadow.translate(_NOT_DIGITS)) < 9:
        return []  # no NIK or phone number has fewer than nine digits
    spans = []
    for run in _RUN_RE.finditer(shadow):
        if len(run.group(0)) < 9:
            continue
        groups = [
            (run.start() + g.start(), run.start() + g.end(), g.group(0)) for g in _GROUP_RE.finditer(run.group(0))
        ]
        if sum(len(g[2]) for g in groups) < 9:
            continue
        low, high = max(0, run.start() - 1), min(len(shadow), run.end() + 12)
        guarded = [m.span() for m in _DATE_RE.finditer(shadow, low, high)]
        guarded += [m.span() for m in _TIME_RE.finditer(shadow, low, high)]
        i = 0
        while i < len(groups):
            joined = i > 0 and not re.search(r"[\s()\x00]", shadow[groups[i - 1][1] : groups[i][0]])
            if joined or any(a <= groups[i][0] < b for a, b in guarded):
                # Never start inside a date, a time or a dotted/dashed chain ("12.03.04.05.1.00123").
                i += 1
                continue
            digits, best = "", None
            for j in range(i, len(groups)):
                digits += groups[j][2]
                if len(digits) > 16:
                    break
                kind = _number_kind(digits)
                if kind:
                    best = (j, kind, digits)
            if best is None:
                i += 1
                continue
            j, kind, digits = best
            start, end = groups[i][0], groups[j][1]
            while end < len(shadow) and shadow[end] == _FILL:
                end += 1
            while start > 0 and text[start - 1] in "(+（＋" and start > groups[i][0] - 2:
                start -= 1
            if "(" in text[start : groups[i][0]] and end < len(text) and text[end] == ")":
                end += 1
            if not (kind == PHONE_MARK and contacts.keeps_phone(normalize_phone(digits))):
                spans.append((start, end, kind))
            i = j + 1
    return spans


# --- e-mails ------------------------------------------------------------------------------------------

_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_AT = rf"(?:\s*@\s*|\s*{_OPEN}\s*(?:at|et|@)\s*{_CLOSE}\s*|\s+(?:at|et)\s+)"
_DOT = rf"(?:\s*\.\s*|\s*{_OPEN}\s*(?:dot|titik|\.)\s*{_CLOSE}\s*|\s+(?:dot|titik)\s+)"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
_FREEMAIL = r"(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|icloud|live)"
EMAIL_RE = re.compile(
    rf"(?<![\w.+-])(?P<local>[a-z0-9][a-z0-9._%+\-]*){_AT}"
    rf"(?:(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*){_DOT}(?P<tld>[a-z]{{2,}})(?![\w@])|(?P<free>{_FREEMAIL})(?![\w.@]))",
    re.IGNORECASE,
)
_AT_WORD = re.compile(r"(?i)\b[ae]t\b")
KNOWN_TLDS = {
    "id",
    "com",
    "net",
    "org",
    "co",
    "go",
    "ac",
    "sch",
    "or",
    "web",
    "my",
    "info",
    "biz",
    "io",
    "me",
    "edu",
    "gov",
    "mil",
    "xyz",
    "online",
    "site",
}


def _email_spans(shadow: str, contacts: PublishedContacts) -> list[tuple[int, int, str]]:
    if "@" not in shadow and not _AT_WORD.search(shadow):
        return []
    spans = []
    for found in EMAIL_RE.finditer(shadow):
        m: re.Match[str] | None = found
        while m is not None and m.group("tld") and _spaced(m.group(0)) and m.group("tld").lower() not in KNOWN_TLDS:
            # "nama [at] mail [dot] id. Rumah": "Rumah" is not a domain; try the address without its last part.
            m = EMAIL_RE.match(shadow, m.start(), m.start("tld"))
        if m is None:
            continue
        parts = re.split(rf"(?i){_DOT}", m.group("domain") or m.group("free"))
        address = f"{m.group('local')}@{'.'.join(parts)}" + (f".{m.group('tld')}" if m.group("tld") else "")
        if not contacts.keeps_email(address.lower()):
            spans.append((m.start(), m.end(), EMAIL_MARK))
    return spans


def _spaced(raw: str) -> bool:
    return bool(re.search(r"\s", raw)) or "@" not in raw


# --- names --------------------------------------------------------------------------------------------

# Parts of a person's name that are not masked on their own (titles, kinship words, particles).
NAME_PART_STOPWORDS = {
    "bin",
    "binti",
    "bapak",
    "ibu",
    "pak",
    "bu",
    "mas",
    "mbak",
    "haji",
    "hajjah",
    "hj",
    "dr",
    "ir",
    "drs",
    "dra",
    "sh",
    "se",
    "st",
    "spd",
    "mm",
    "mt",
    "dan",
    "van",
    "der",
    "de",
    "al",
    "el",
}
MIN_NAME_PART = 3
_HONORIFIC = r"(?:pak|bu|bapak|ibu|sdr|sdri|saudara|saudari|mas|mbak|kak|tn|ny|nn|h|hj)\.?"
_SELF_CUE = re.compile(
    r"(?i)(?:nama\s+saya(?:\s+adalah)?|saya\s+bernama|bernama|nama\s+(?:pelapor|lengkap)|atas\s+nama"
    r"|a\.\s?n\.|nama\s*:|pelapor\s*:|perkenalkan\s*,?\s*saya|saya\s*,?(?=\s+" + _HONORIFIC + r"\s))"
    r"\s*:?\s*(?:" + _HONORIFIC + r"\s+)?"
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Words that end a self-introduced name: verbs, places, roles and other words that are not names.
_NOT_NAME = {
    "dan",
    "yang",
    "dari",
    "di",
    "ke",
    "warga",
    "tinggal",
    "beralamat",
    "alamat",
    "ingin",
    "mau",
    "akan",
    "selaku",
    "sebagai",
    "adalah",
    "umur",
    "usia",
    "nik",
    "no",
    "nomor",
    "hp",
    "telp",
    "telepon",
    "email",
    "rt",
    "rw",
    "jl",
    "jalan",
    "dengan",
    "ini",
    "itu",
    "saya",
    "kami",
    "tidak",
    "sudah",
    "belum",
    "pada",
    "tanggal",
    "melaporkan",
    "mengadukan",
    "hendak",
    "pernah",
    "bekerja",
    "seorang",
    "orang",
    "pelapor",
    "asal",
    "pribadi",
    "instansi",
    "kelompok",
    "masyarakat",
    "lembaga",
    "desa",
    "kantor",
    "dinas",
    "camat",
    "lurah",
    "kades",
    "kepala",
    "petugas",
    "guru",
    "dokter",
    "bidan",
    "ketua",
    "rahasia",
    "disamarkan",
    "dirahasiakan",
    "anonim",
    "mohon",
    "minta",
    "sedang",
    "juga",
    "hanya",
    "telah",
    "karena",
    "untuk",
    "bahwa",
    "ada",
    "tentang",
    "perihal",
    "kelurahan",
    "kecamatan",
    "kabupaten",
    "kota",
    "provinsi",
}


_SELF_WORDS = ("nama", "saya", "bernama", "atas", "a.n", "pelapor", "perkenalkan")


def _self_cues(shadow: str, lower: str) -> list[re.Match[str]]:
    cues, taken = [], -1
    starts = sorted({i for word in _SELF_WORDS for i in _find_all(lower, word)})
    for i in starts:
        if i < taken or (i > 0 and lower[i - 1].isalnum()):
            continue
        cue = _SELF_CUE.match(shadow, i)
        if cue:
            cues.append(cue)
            taken = cue.end()
    return cues


def _find_all(text: str, word: str) -> list[int]:
    found, i = [], text.find(word)
    while i >= 0:
        found.append(i)
        i = text.find(word, i + 1)
    return found


def _self_named_spans(shadow: str, lower: str) -> list[tuple[int, int, str]]:
    spans = []
    for cue in _self_cues(shadow, lower):
        position, words, end = cue.end(), 0, None
        while words < 4:
            word = _NAME_WORD.match(shadow, position)
            if word is None or word.group(0).lower().rstrip(".") in _NOT_NAME:
                break
            end, words = word.end(), words + 1
            gap = re.match(r"[ \t]+(?:(?:bin|binti)[ \t]+)?", shadow[end:])
            if gap is None:
                break
            position = end + gap.end()
        if end is not None:
            spans.append((cue.end(), end, NAME_MARK))
    return spans


def _name_patterns(names: Iterable[str]) -> list[tuple[str, re.Pattern[str]]]:
    return _compiled_names(tuple(n for n in names if n and n.strip()))


@functools.lru_cache(maxsize=256)
def _compiled_names(names: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    """(lowercase first word, pattern) per full name and name part, longest first."""
    full: dict[str, str] = {}
    parts: dict[str, str] = {}
    for name in names:
        words = re.findall(r"[\w'’-]+", name or "", flags=re.UNICODE)
        words = [w for w in words if not w.isdigit()]
        if not words:
            continue
        if len(words) > 1 or len(words[0]) >= MIN_NAME_PART:
            full[r"[\s.]+".join(re.escape(w) for w in words)] = words[0].lower()
        for word in words:
            if len(word) >= MIN_NAME_PART and word.lower().strip(".") not in NAME_PART_STOPWORDS:
                parts[re.escape(word)] = word.lower()
    # Longest first, so "Siti Aminah" is one marker, not two.
    ordered = sorted(full, key=len, reverse=True) + sorted(set(parts) - set(full), key=len, reverse=True)
    return [({**parts, **full}[p], re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE | re.UNICODE)) for p in ordered]


# --- addresses ------------------------------------------------------------------------------------------

_W = r"[\w'’-]"
# Strong parts identify a home on their own; weak parts are masked only next to a strong one.
_STRONG_ADDRESS = {
    # A street with a house number: "Jl. Melati No. 7", "Jalan A. Yani 12", "jln mawar no 3a".
    "street": [
        re.compile(
            rf"(?i:jl|jln|jalan)\b\.?\s*(?:[A-Z0-9]{_W}*\.?\s+){{1,5}}?(?:(?i:no|nomor|nmr)\b\.?\s*:?\s*)?"
            r"[0-9]{1,4}[A-Za-z]?\b(?:\s*[/-]\s*[0-9]{1,4}[A-Za-z]?\b)?"
        ),
        re.compile(
            rf"(?i:jl|jln|jalan)\b\.?\s*(?:{_W}+\.?\s+){{1,5}}?(?i:no|nomor|nmr)\b\.?\s*:?\s*[0-9]{{1,4}}[A-Za-z]?\b"
        ),
    ],
    "rt": [
        re.compile(r"(?i:rt\s*/\s*rw)\b\.?\s*:?\s*[0-9]{1,3}\s*/\s*[0-9]{1,3}\b"),
        re.compile(r"(?i:rt|rw)\b\s*\.?\s*:?\s*[0-9]{1,3}\b"),
    ],
    "gang": [re.compile(rf"(?i:gg|gang)\b\.?\s*[A-Z0-9]{_W}*(?:\s+(?:[A-Z0-9]{_W}*|[IVX]+)){{0,2}}")],
    "blok": [re.compile(r"(?i:blok)\b\.?\s*[A-Z0-9]{1,3}(?:\s*[-/.]?\s*[0-9]{1,3})?\b")],
    "dusun": [re.compile(rf"(?i:dusun|dsn)\b\.?\s*[A-Z0-9]{_W}*(?:\s+[A-Z]{_W}*)?")],
}
_WEAK_ADDRESS = {
    "no": [re.compile(r"(?i:no|nomor|nmr)\b\.?\s*:?\s*[0-9]{1,4}[A-Za-z]?\b(?:\s*[/-]\s*[0-9]{1,4}\b)?")],
    "street": [re.compile(rf"(?i:jl|jln|jalan)\b\.?\s*[A-Z0-9]{_W}*(?:\s+[A-Z]{_W}*){{0,3}}")],
    "kampung": [re.compile(rf"(?i:kp|kmp|kampung|kampong)\b\.?\s*[A-Z]{_W}*(?:\s+[A-Z]{_W}*)?")],
    "perum": [
        re.compile(rf"(?i:perum|perumahan|komplek|kompleks|komp)\b\.?\s*[A-Z0-9]{_W}*(?:\s+[A-Z0-9]{_W}*){{0,2}}")
    ],
}
_CUE_KIND = {
    "jl": "street",
    "jln": "street",
    "jalan": "street",
    "rt": "rt",
    "rw": "rt",
    "gg": "gang",
    "gang": "gang",
    "blok": "blok",
    "dusun": "dusun",
    "dsn": "dusun",
    "no": "no",
    "nomor": "no",
    "nmr": "no",
    "kp": "kampung",
    "kmp": "kampung",
    "kampung": "kampung",
    "kampong": "kampung",
    "perum": "perum",
    "perumahan": "perum",
    "komplek": "perum",
    "kompleks": "perum",
    "komp": "perum",
}
_STRONG_WORDS = ("jl", "jln", "jalan", "rt", "rw", "gg", "gang", "blok", "dusun", "dsn")
_WEAK_WORDS = (*(word for word in _CUE_KIND if word not in _STRONG_WORDS), "jl", "jln", "jalan")
_ADDRESS_GAP = re.compile(r"[\s,.;/-]{0,3}")
_DIGIT = re.compile(r"[0-9]")
_KM = re.compile(r"(?i)\bkm\.?\s*[0-9]")


def _cue_positions(lower: str, words: Iterable[str]) -> list[tuple[int, str]]:
    """(position, word) of each cue word standing alone (not inside a longer word)."""
    found = []
    for word in words:
        for i in _find_all(lower, word):
            end = i + len(word)
            if (i == 0 or not lower[i - 1].isalnum()) and (end == len(lower) or not lower[end].isalnum()):
                found.append((i, word))
    return found


def _address_parts(
    shadow: str, lower: str, words: Iterable[str], kinds: dict[str, list[re.Pattern[str]]], strong: bool
) -> list[tuple[int, int, bool]]:
    parts = []
    for position, word in _cue_positions(lower, words):
        kind = _CUE_KIND[word]
        if kind == "street" and strong and not _DIGIT.search(shadow, position, position + 80):
            continue  # a street is a home address only with a house number
        for pattern in kinds.get(kind, ()):
            m = pattern.match(shadow, position)
            if m is None or (strong and _KM.search(m.group(0))):
                continue  # "Jl. Raya Bogor Km 30" is a place on a road, not a home
            parts.append((m.start(), m.start() + len(m.group(0).rstrip(" .,")), strong))
            break
    return parts


def _address_spans(shadow: str, lower: str, contacts: PublishedContacts) -> list[tuple[int, int, str]]:
    parts = _address_parts(shadow, lower, _STRONG_WORDS, _STRONG_ADDRESS, True)
    if not parts:
        return []
    parts += _address_parts(shadow, lower, _WEAK_WORDS, _WEAK_ADDRESS, False)
    parts.sort()
    spans: list[tuple[int, int, str]] = []
    cluster: list = []

    def close() -> None:
        if cluster and any(p[2] for p in cluster):
            start, end = cluster[0][0], max(p[1] for p in cluster)
            if not contacts.keeps_address(shadow[start:end]):
                spans.append((start, end, ADDRESS_MARK))

    for part in parts:
        if cluster:
            end = max(p[1] for p in cluster)
            if part[0] <= end or _ADDRESS_GAP.fullmatch(shadow, end, part[0]):
                cluster.append(part)
                continue
            close()
        cluster = [part]
    close()
    return spans


# --- all together ----------------------------------------------------------------------------------------


def self_named(text: str) -> list[str]:
    """Names the writer introduces as their own ("nama saya Wulan Sekarsari", "a.n. Budi"): a fully
    anonymous reporter's name is known only this way, and is then masked in the case's other texts too."""
    if not text:
        return []
    shadow = shadow_of(text)
    return [text[start:end] for start, end, _mark in _self_named_spans(shadow, shadow.lower())]


def redact(text: str, names: Iterable[str] = (), *, contacts: PublishedContacts | None = None) -> str:
    """Text with NIK, phone numbers, e-mails, home addresses and names replaced by fixed markers.

    `names` are the reporter's name(s) (every part of at least 3 letters is masked too); `contacts`
    the catalogue's published contacts, which stay as they are.
    """
    if not text:
        return text or ""
    contacts = contacts or NO_CONTACTS
    shadow = shadow_of(text)
    lower = shadow.lower()
    found = _email_spans(shadow, contacts)
    found += _number_spans(text, shadow, contacts)
    found += _address_spans(shadow, lower, contacts)
    self_named = _self_named_spans(shadow, lower)
    found += self_named
    # A name the reporter introduced ("nama saya Wulan ...") is masked wherever else the text repeats it.
    names = (*names, *(text[start:end] for start, end, _mark in self_named))
    for first_word, pattern in _name_patterns(names):
        if first_word in lower:
            found += [(m.start(), m.end(), NAME_MARK) for m in pattern.finditer(text)]
    if not found:
        return text
    # Earlier first, then longer first; a span overlapping one already taken is dropped.
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    pieces, position = [], 0
    for start, end, mark in found:
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append(mark)
        position = end
    pieces.append(text[position:])
    result = "".join(pieces)
    # "[nama disamarkan] [nama disamarkan]" from first and last name written apart -> one marker.
    return re.sub(rf"{re.escape(NAME_MARK)}(?:\s+{re.escape(NAME_MARK)})+", NAME_MARK, result)
