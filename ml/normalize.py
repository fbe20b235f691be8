"""Indonesian complaint text normalisation.

``normalize`` is deterministic and cheap (a few dozen microseconds per complaint): it lowercases,
masks URLs, e-mail addresses, phone numbers, NIK/long numbers and other numbers, expands
reduplication written with "2" (``bertahun2`` -> ``bertahun tahun``), collapses letter elongation
(``parahhh`` -> ``parah``) and maps colloquial/slang spellings to standard words with the Kamus Alay
lexicon (vendored from ``indoNLP``: ``ml/data/``) plus a project lexicon of complaint vocabulary. Domain abbreviations
that the general lexicon would mangle (``kk`` = Kartu Keluarga, not "kakak") are protected.

Stemming (PySastrawi) is optional: ``normalize(text, stem=True)``.
"""

import json
import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

_WORDLISTS = Path(__file__).parent / "data"
# Kamus Alay slang lexicon and stop words, copied verbatim from indoNLP 0.3.4 (MIT; see ml/data/README.md).
SLANG_DATA: dict[str, str] = json.loads((_WORDLISTS / "indonlp_slang.json").read_text(encoding="utf-8"))
_INDONLP_STOPWORDS: frozenset[str] = frozenset(
    (_WORDLISTS / "indonlp_stopwords.txt").read_text(encoding="utf-8").split("\n")
) - {""}

# Project additions (ml/data/project_wordlists.toml): abbreviations that keep their domain meaning,
# the project lexicon (applied after indoNLP's, so it wins) and stop-word adjustments.
_PROJECT: dict[str, Any] = tomllib.loads((_WORDLISTS / "project_wordlists.toml").read_text(encoding="utf-8"))
PROTECTED: frozenset[str] = frozenset(_PROJECT["protected"])
PROJECT_LEXICON: dict[str, str] = dict(_PROJECT["lexicon"])
STOPWORDS_KEEP: frozenset[str] = frozenset(_PROJECT["stopwords_keep"])

STOPWORDS: frozenset[str] = frozenset(
    w for w in _INDONLP_STOPWORDS if w.isalpha() and w not in STOPWORDS_KEEP
) | frozenset(_PROJECT["stopwords_extra"])


def _build_lexicon() -> dict[str, str]:
    lexicon: dict[str, str] = {}
    for slang, standard in SLANG_DATA.items():
        key = slang.lower()
        if key in PROTECTED or not key.isascii():
            continue
        lexicon[key] = standard.lower()
    for word in ("kasih", "slamet", "c", "kana"):
        lexicon.pop(word, None)
    for slang, standard in PROJECT_LEXICON.items():
        if " " not in slang:
            lexicon[slang] = standard
    # "enggak" from the general lexicon is folded into "tidak".
    for key, value in list(lexicon.items()):
        if value in {"enggak", "nggak", "gak", "ga"}:
            lexicon[key] = "tidak"
        elif value == "banget":
            lexicon[key] = "sangat"
    return lexicon


LEXICON: dict[str, str] = _build_lexicon()

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9.-]+\.(?:com|id|net|org|go\.id|co\.id)(?:/\S*)?\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?:\+62|\b62|\b0)8[\d\s.-]{7,14}\d")
_LONG_NUMBER = re.compile(r"\b\d{9,}\b")
_MONEY = re.compile(r"\brp\.?\s*\d[\d.,]*(?:\s*(?:rb|ribu|jt|juta|k))?\b|\b\d[\d.,]*\s*(?:rb|ribu|jt|juta|k)\b")
_REDUP = re.compile(r"\b([a-z]{2,})2\b")
_REDUP_SUFFIX = re.compile(r"\b([a-z]{2,})2(an|nya|lah)\b")
_REDUP_HYPHEN = re.compile(r"\b([a-z]{2,})-\1\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ELONGATION = re.compile(r"([a-z])\1{2,}")
_NON_WORD = re.compile(r"[^a-z\s]+")
_SPACES = re.compile(r"\s+")
# "izin"/"ijin" as courtesy ("mohon izin bertanya", "siap izin", "izin melaporkan,") is not a permit:
# it becomes "permisi" so that it does not read as perizinan. "izin usaha", "izin keramaian" stay.
_COURTESY_IZIN = re.compile(
    r"\b(?:(?:mohon|minta|nyuwun|siap)\s+)?(?:izin|ijin)\b(?:\s+(?:dan|untuk|mau|ingin))?"
    r"(?=\s*[,.!?]|\s+(?:bertanya|tanya|nanya|melapor|melaporkan|lapor|laporan|menyampaikan|sampaikan|"
    r"mengusulkan|usul|mengajukan pertanyaan|menanyakan|memberi|memberikan|mengadu|mengadukan|matur|berbagi|"
    r"info|informasi|share|numpang|kak|pak|bu|ibu|bapak|admin|min|mas|mbak|bupati|ditindaklanjuti)\b)"
    r"|\bsiap\s+(?:izin|ijin)\b"
)
# Phrases whose words would read as another topic, rewritten after the token lexicon:
# - a traffic light ("lampu merah", "traffic light") is not street lighting;
# - "mati lampu" is a power cut (PLN), not a broken street lamp;
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:lampu (?:merah|lalu lintas|bangjo|traffic)|traffic light|trafficlight)\b"), "lampumerah"),
    (re.compile(r"\bmati lampu\b"), "listrik padam"),
)
# A street address ("Jl. Raya Kemiri", "Jln Sudirman") names a place, not a road problem: the
# abbreviation with a dot, or before a capitalised name, becomes "alamat". Checked before lowercasing;
# "jln rusak" (slang for the road itself) and "Jalan rusak" stay "jalan".
_STREET_ADDRESS = re.compile(r"\b(?:[Jj][Ll][Nn]?\.\s*|(?:Jl|Jln|JL|JLN)\s+(?=[A-Z][a-z]))")
# "mohon bantuannya" is courtesy ("please help"), not social aid: it must not count as "bantuan".
_COURTESY_HELP = re.compile(r"\b(?:mohon|mhn|tolong|tlg|minta|nyuwun|butuh)\s+(?:bantuannya|bantuanya|bantuan nya)\b")
# "jalan keluar" is a way out of a problem, not a road (but "jalan keluar masuk" is a road).
_WAY_OUT = re.compile(r"\bjalan\s+keluar(?:nya)?\b(?!\s+masuk)")

# Form-style identification blocks ("NIK: 3302…", "Nama: …", "Alamat: …", "Pekerjaan: guru") say who
# writes, not what the complaint is about; "nik"/"ktp" would read as adminduk and "Pekerjaan: guru" as
# education. A field label with ":" or "=" and its value (up to the end of the line, the next field label
# or a content label such as "Isi aduan:") is removed. Checked on the lowercased text, before masking.
_SHORT_FIELDS = (
    r"nama(?:\s+(?:lengkap|pelapor|saya))?|nik|no(?:mor|\.)?\s*(?:ktp|kk|nik|induk kependudukan)|pekerjaan|profesi|"
    r"(?:tempat\s*[,/&]?\s*(?:dan\s+)?)?(?:tgl|tanggal)\.?\s+lahir|ttl|umur|usia|jenis\s+kelamin|agama|"
    r"status(?:\s+perkawinan)?|kewarganegaraan|no(?:mor|\.)?\s*(?:hp|telp|telepon|wa|whatsapp|handphone)|e-?mail"
)
_ADDRESS_FIELDS = r"alamat(?:\s+(?:lengkap|rumah|pelapor|domisili))?"
_CONTENT_LABELS = (
    r"isi(?:\s+(?:aduan|laporan|pengaduan|keluhan))?|permasalahan|masalah|keluhan|aduan|laporan|pengaduan|"
    r"uraian|kronologi|perihal|hal|judul|lokasi|keterangan"
)
_NEXT_LABEL = rf"[,;]?\s*(?:{_SHORT_FIELDS}|{_ADDRESS_FIELDS}|{_CONTENT_LABELS})\s*[:=]"
# Short fields (a name, a job, an age, a number: up to four words) end at a line break, punctuation or
# the next label;
# an address may hold commas and ends at a line break, the end of a sentence or the next label. A value
# never runs past four words / 100 characters, so a "Nama: …" followed by the complaint on the same line loses
# at most the name.
_IDENTITY_FIELD = re.compile(
    rf"(?<![a-z])(?:{_SHORT_FIELDS})\s*[:=]\s*(?:[^\s,;.]+[ \t]*){{0,4}}?(?=[\n,;.]|$|{_NEXT_LABEL})"
    rf"|(?<![a-z])(?:{_ADDRESS_FIELDS})\s*[:=]\s*[^\n]{{0,100}}?(?=\n|[.;!?]\s|{_NEXT_LABEL})"
)
# A NIK or KTP number written inline without a form ("NIK 3302…", "no ktp: 3302…"): label and number go.
_INLINE_ID_NUMBER = re.compile(r"\b(?:nik|no(?:mor|\.)?\s*(?:ktp|kk|nik))\s*[:=.]?\s*\d[\d .-]{8,}\d")
# Courtesy formulas whose words would read as a topic (applied to normalised text): thanks "for the
# help / attention / cooperation / service" (bantuan = social aid, kerja = employment, pelayanan = staff
# performance), "semoga pelayanan makin baik", "mohon dibantu".
_THANKED = r"(?:perhatian|bantuan|kerja\s*sama|tanggapan|pelayanan|respon|respons|waktu|tindak lanjut)"
_COURTESY_FORMULAS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\bterima kasih\s+(?:banyak\s+)?(?:atas|untuk|buat|telah|sudah)?\s*"
            rf"(?:segala\s+|semua\s+)?{_THANKED}(?:nya)?(?:\s+(?:dan|serta)\s+{_THANKED}(?:nya)?)*\b"
        ),
        "terima kasih",
    ),
    (
        re.compile(
            r"\b(?:semoga|agar|supaya|biar)\s+(?:kedepan(?:nya)?\s+|ke depan(?:nya)?\s+)?pelayanan(?:nya)?\s+"
            r"(?:bisa\s+|dapat\s+)?(?:semakin|makin|lebih|tambah|terus)\s+(?:baik|bagus|maju|meningkat|prima)\b"
        ),
        "semoga semakin baik",
    ),
    (
        re.compile(r"\b(?:mohon|tolong|minta)\s+(?:segera\s+)?(?:di)?bantu\b(?!\s+(?:biaya|modal|dana|sembako))"),
        "mohon tolong",
    ),
)


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """Stem one normalised word with PySastrawi (cached)."""
    if word in PROTECTED or len(word) <= 3:
        return word
    return str(_stemmer().stem(word))


def _redup(match: re.Match[str]) -> str:
    word = match.group(1)
    return f"{word} {word}"


def _map_token(token: str) -> str:
    if token in PROTECTED:
        return token
    return LEXICON.get(token, token)


def normalize(text: str, *, stem: bool = False) -> str:
    """Normalise one complaint text to lowercase standard Indonesian tokens separated by spaces.

    Masks: ``urltoken``, ``emailtoken``, ``teleponnomor``, ``nomorpanjang`` (NIK, KK and other
    long numbers), ``nominaluang`` (amounts of money) and ``angka`` (other numbers).
    """
    if not text:
        return ""
    value = _STREET_ADDRESS.sub(" alamat ", unicodedata.normalize("NFKC", text)).lower()
    value = value.replace("’", "'").replace("`", "'")
    if "nik" in value or "no" in value:
        value = _INLINE_ID_NUMBER.sub(" ", value)
    if ":" in value or "=" in value:  # the form blocks' regex is long: skip texts without a label mark
        value = _IDENTITY_FIELD.sub(" ", value)
    value = _COURTESY_IZIN.sub(" permisi ", value)
    value = _WAY_OUT.sub(" solusi ", value)
    value = _COURTESY_HELP.sub(" mohon tolong ", value)
    value = _EMAIL.sub(" emailtoken ", value)
    value = _URL.sub(" urltoken ", value)
    value = _PHONE.sub(" teleponnomor ", value)
    value = _LONG_NUMBER.sub(" nomorpanjang ", value)
    value = _MONEY.sub(" nominaluang ", value)
    value = _REDUP_SUFFIX.sub(lambda m: f"{m.group(1)} {m.group(1)}{m.group(2)}", value)
    value = _REDUP.sub(_redup, value)
    value = _REDUP_HYPHEN.sub(_redup, value)
    # compounds written with a hyphen or slash: ktp-el, e-ktp, pindah-datang
    value = value.replace("e-ktp", "ktp").replace("ktp-el", "ktp").replace("ktp el", "ktp")
    value = _NUMBER.sub(" angka ", value)
    value = _ELONGATION.sub(r"\1", value)
    value = _NON_WORD.sub(" ", value)
    tokens = [_map_token(tok) for tok in value.split()]
    out = " ".join(tok for tok in tokens if tok)
    for pattern, replacement in _PHRASES:
        out = pattern.sub(replacement, out)
    if "terima kasih" in out or "pelayanan" in out or "bantu" in out:
        for pattern, replacement in _COURTESY_FORMULAS:
            out = pattern.sub(replacement, out)
    if stem:
        out = " ".join(stem_word(tok) for tok in out.split())
    return _SPACES.sub(" ", out).strip()


def content_tokens(text: str) -> list[str]:
    """Split normalised text into tokens without stopwords (kept complaint words stay)."""
    return [tok for tok in text.split() if tok not in STOPWORDS and len(tok) > 1]
