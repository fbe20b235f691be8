"""Mask personal data in complaint text before it is published or shared.

Masks NIK (and any other 16-digit identity number such as a No. KK), Indonesian phone numbers, e-mail
addresses and the given person names. The markers are fixed Indonesian text ("[NIK disamarkan]" ...)
on purpose: redacted text is stored and published as it is, independent of the viewer's language.

False-positive guards: amounts (Rp 1.500.000), dates (18-01-2024, 18/01/2024), RT/RW and house numbers
and short reference numbers are left alone; numbers are masked only when their digit count and prefix
fit a NIK or a phone number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NIK_MARK = "[NIK disamarkan]"
PHONE_MARK = "[nomor telepon disamarkan]"
EMAIL_MARK = "[email disamarkan]"
NAME_MARK = "[nama disamarkan]"

_SEP = r"[ .\-]"
# 16 digits written straight, as 4-4-4-4, as 6-6-4 (region, birth date, serial) or as 2-2-2-6-4.
NIK_RE = re.compile(
    r"(?<![\w.,])(?:"
    r"\d{16}"
    rf"|\d{{4}}({_SEP})\d{{4}}\1\d{{4}}\1\d{{4}}"
    rf"|\d{{6}}({_SEP})\d{{6}}\2\d{{4}}"
    rf"|\d{{2}}({_SEP})\d{{2}}\3\d{{2}}\3\d{{6}}\3\d{{4}}"
    r")(?![\w]|[.,]\d)"
)
# Mobile: 08.. / +62 8.. / 62 8.. ; landline: (0xx) or 0xx[x] area codes, also after +62.
MOBILE_RE = re.compile(r"(?<![\w+])(?:\+62|62|0)[ .\-]?8\d(?:[ .\-]?\d){7,10}(?![\d])")
LANDLINE_RE = re.compile(
    r"(?<![\w+(])(?:\(0[2-9]\d{1,2}\)|\(\+62[ ]?[2-9]\d{1,2}\)|\+62[ .\-]?[2-9]\d{1,2}|0[2-9]\d{1,2})"
    r"[ .\-]?\d(?:[ .\-]?\d){4,7}(?![\d])"
)
EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")

# Parts of a person's name that are not masked on their own (titles, kinship words, particles).
NAME_PART_STOPWORDS = {
    "bin", "binti", "bapak", "ibu", "pak", "bu", "mas", "mbak", "haji", "hajjah", "hj", "dr", "ir",
    "drs", "dra", "sh", "se", "st", "spd", "mm", "mt", "dan", "van", "der", "de", "al", "el",
}
MIN_NAME_PART = 3


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _mask_phone(match: re.Match[str]) -> str:
    count = _digits(match.group(0))
    return PHONE_MARK if 9 <= count <= 14 else match.group(0)


def _name_patterns(names: Iterable[str]) -> list[re.Pattern[str]]:
    full: set[str] = set()
    parts: set[str] = set()
    for name in names:
        words = re.findall(r"[\w'’-]+", name or "", flags=re.UNICODE)
        words = [w for w in words if not w.isdigit()]
        if not words:
            continue
        if len(words) > 1 or len(words[0]) >= MIN_NAME_PART:
            full.add(r"[\s.]+".join(re.escape(w) for w in words))
        for word in words:
            if len(word) >= MIN_NAME_PART and word.lower().strip(".") not in NAME_PART_STOPWORDS:
                parts.add(re.escape(word))
    # Longest first, so "Siti Aminah" is one marker, not two.
    ordered = sorted(full, key=len, reverse=True) + sorted(parts - full, key=len, reverse=True)
    return [re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE | re.UNICODE) for p in ordered]


def redact(text: str, names: Iterable[str] = ()) -> str:
    """Text with NIK, phone numbers, e-mails and the given names replaced by fixed markers."""
    if not text:
        return text or ""
    text = EMAIL_RE.sub(EMAIL_MARK, text)
    text = NIK_RE.sub(NIK_MARK, text)
    text = MOBILE_RE.sub(_mask_phone, text)
    text = LANDLINE_RE.sub(_mask_phone, text)
    for pattern in _name_patterns(names):
        text = pattern.sub(NAME_MARK, text)
    # "[nama disamarkan] [nama disamarkan]" from first and last name written apart -> one marker.
    return re.sub(rf"{re.escape(NAME_MARK)}(?:\s+{re.escape(NAME_MARK)})+", NAME_MARK, text)
