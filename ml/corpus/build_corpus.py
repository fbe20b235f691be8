"""Compose the project's own labelled complaint corpus (``complaints_id.csv``).

Run ``python -m ml.corpus.build_corpus`` to regenerate; output is byte-identical for the same
fragments and seed. Labels are correct by construction: each complaint is built around one
topic's problem statement (a "mixed" complaint adds a shorter, secondary mention of another topic,
and keeps the primary label), and aspects are the union of the SKM unsur tags of the fragments used.

Columns: ``text``, ``topic``, ``aspects`` (``;``-separated SKM unsur codes, may be empty) and
``aspects_labelled`` (``1`` when the aspects column is a complete label for the row, ``0`` for
rows such as one-liners whose fragments carry no aspect annotation).
"""

import csv
import random
import re
import sys
from pathlib import Path

from ml.corpus.material import (
    ADDRESS_LINES,
    CLOSINGS,
    COMBOS,
    DURATIONS,
    FILLERS,
    FIRST_NAMES,
    GENERIC_ASKS,
    GENERIC_DETAILS,
    GREETINGS,
    HANDWRITTEN,
    INTROS,
    LANDMARKS,
    LAST_NAMES,
    MIX_LINKS,
    OFFICES,
    ONE_LINERS,
    PLACE_PREFIX,
    PLACE_SUFFIX,
    REGENTS,
    TOPIC_FRAGMENTS,
)
from ml.taxonomy import ASPECT_CODES, TOPIC_CODES

SEED = 20261123
PER_TOPIC = 320
CORPUS_PATH = Path(__file__).with_name("complaints_id.csv")

# standard word -> colloquial spellings seen in citizen messages
SLANG: dict[str, list[str]] = {
    "tidak": ["gak", "ga", "tdk", "nggak", "ngga", "gk", "ndak", "enggak"],
    "sudah": ["udh", "udah", "sdh", "dah", "uda"],
    "belum": ["blm", "belom", "blum"],
    "sangat": ["bgt", "banget", "sekali"],
    "sekali": ["bgt", "banget", "bener"],
    "yang": ["yg"],
    "dengan": ["dgn", "dg"],
    "untuk": ["utk", "buat"],
    "karena": ["krn", "karna", "soalnya"],
    "tolong": ["tlg", "tolongin"],
    "mohon": ["mhn", "tolong"],
    "saya": ["sy", "aku", "sya"],
    "bapak": ["bpk", "pak", "bp"],
    "sampai": ["sampe", "smpe"],
    "bagaimana": ["gimana", "gmn"],
    "kenapa": ["knp", "napa"],
    "padahal": ["pdhl", "padahl"],
    "juga": ["jg", "jga"],
    "tapi": ["tp", "tpi"],
    "sekarang": ["skrg", "skrng"],
    "bulan": ["bln"],
    "tahun": ["thn"],
    "terima kasih": ["makasih", "trims", "mksh", "terimakasih"],
    "dari": ["dr"],
    "lagi": ["lg", "lgi"],
    "kalau": ["kalo", "klo"],
    "banyak": ["byk", "bnyk"],
    "orang": ["org"],
    "masih": ["msh", "masi"],
    "hanya": ["cuma", "cm", "cuman"],
    "tidak ada": ["gak ada", "ga ada", "nggak ada", "gaada"],
    "menunggu": ["nunggu", "nungguin"],
    "antre": ["antri", "ngantri"],
    "jalan": ["jln", "jalan", "jl"],
    "warga": ["wrg", "warga"],
    "desa": ["ds", "desa"],
    "mengurus": ["ngurus", "ngurusin"],
    "meminta": ["minta", "nyuruh"],
    "rusak": ["rusak", "ancur", "rsk"],
    "berlubang": ["bolong", "bolong2", "lobang2"],
    "sama": ["sm"],
    "dapat": ["dapet", "dpt"],
    "anak-anak": ["anak2", "bocah2"],
    "berbulan-bulan": ["berbulan2", "berbln2"],
    "bertahun-tahun": ["bertahun2", "bertaun2"],
    "berjam-jam": ["berjam2", "jam2an"],
    "gorong-gorong": ["gorong2"],
    "segera": ["secepatnya", "cepet", "segera"],
}
_SLANG_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SLANG), key=len, reverse=True)) + r")\b")
_WORD_RE = re.compile(r"[A-Za-z]{5,}")


def _fill(rng: random.Random, template: str) -> str:
    values = {
        "place": rng.choice(PLACE_PREFIX) + rng.choice(PLACE_SUFFIX),
        "district": rng.choice(PLACE_PREFIX) + rng.choice(PLACE_SUFFIX),
        "person": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if rng.random() < 0.6
        else rng.choice(FIRST_NAMES),
        "n": str(rng.choice([2, 3, 4, 5, 6, 7, 8, 10, 12]))
        if rng.random() < 0.7
        else rng.choice(["dua", "tiga", "empat", "lima", "enam"]),
        "money": rng.choice(
            ["Rp 50.000", "100 ribu", "Rp200rb", "300rb", "1,5 juta", "Rp 25.000", "500 ribu", "2 juta"]
        ),
        "office": rng.choice(OFFICES),
        "rt": f"{rng.randint(1, 12):02d}",
        "rw": f"{rng.randint(1, 8):02d}",
        "regent": rng.choice(REGENTS),
    }
    if "{landmark}" in template:
        values["landmark"] = _fill(rng, rng.choice(LANDMARKS))
    return template.format_map(values)


def _slangify(rng: random.Random, text: str, rate: float) -> str:
    def repl(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() < rate:
            return rng.choice(SLANG[word.lower()])
        return word

    return _SLANG_RE.sub(repl, text)


def _typos(rng: random.Random, text: str, rate: float) -> str:
    def repl(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() >= rate:
            return word
        i = rng.randrange(1, len(word) - 1)
        kind = rng.random()
        if kind < 0.4:
            return word[:i] + word[i + 1 :]
        if kind < 0.7:
            return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
        if kind < 0.85:
            return word[:i] + word[i] + word[i:]
        return word[:-1] + word[-1] * rng.randint(3, 5)  # elongation: "parahhh"

    return _WORD_RE.sub(repl, text)


def _surface(rng: random.Random, text: str) -> str:
    """Apply a random writing style: slang, typos, casing and punctuation habits."""
    style = rng.random()
    slang_rate = rng.choice([0.0, 0.2, 0.5, 0.8]) if style < 0.85 else 0.0
    text = _slangify(rng, text, slang_rate)
    text = _typos(rng, text, rng.choice([0.0, 0.0, 0.02, 0.05]))
    casing = rng.random()
    if casing < 0.35:
        text = text.lower()
    elif casing < 0.40:
        text = text.upper()
    punct = rng.random()
    if punct < 0.3:
        text = re.sub(r"[.,]", "", text)
    elif punct < 0.4:
        text = text.rstrip(".") + rng.choice(["!!", "!!!", "??", " ...", "."])
    return re.sub(r"\s+", " ", text).strip()


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _restyle(rng: random.Random, text: str) -> str:
    """A variant of a hand-written complaint: optional greeting/intro and closing, new surface noise."""
    parts = []
    if rng.random() < 0.4:
        parts.append(_fill(rng, rng.choice(GREETINGS)) + ",")
    if rng.random() < 0.25:
        parts.append(_fill(rng, rng.choice(INTROS)))
    parts.append(text)
    if rng.random() < 0.3:
        parts.append(_sentence(rng.choice(GENERIC_ASKS)))
    if rng.random() < 0.3:
        parts.append(_fill(rng, rng.choice(CLOSINGS)))
    return _surface(rng, " ".join(p for p in parts if p))


def _problem(rng: random.Random, topic: str) -> tuple[str, tuple[str, ...]]:
    """A core statement: a hand-written problem, or an object x condition combination."""
    if rng.random() < 0.4:
        objects, conditions = COMBOS[topic]
        obj = rng.choice(objects)
        condition, aspects = rng.choice(conditions)
        where = rng.choice(["", "", " di {place}", " di desa {place}", " di kecamatan {district}", " {landmark}"])
        return f"{obj}{where} {condition}", aspects
    problem, aspects = rng.choice(TOPIC_FRAGMENTS[topic]["problems"])
    return problem, aspects


def _compose(rng: random.Random, topic: str) -> tuple[str, str, set[str], bool]:
    frag = TOPIC_FRAGMENTS[topic]
    style = rng.choices(["oneliner", "short", "long", "mixed", "question"], [0.2, 0.32, 0.25, 0.1, 0.13])[0]
    if style == "oneliner":
        text = rng.choice(ONE_LINERS[topic]) if rng.random() < 0.45 else _problem(rng, topic)[0]
        if rng.random() < 0.3:
            text += " " + rng.choice(["di " + "{place}", "pak", "min", "tolong", "mohon dicek", "parah"])
        return _surface(rng, _fill(rng, text)), topic, set(), False

    problem, aspects = _problem(rng, topic)
    aspects = set(aspects)
    parts: list[str] = []
    if rng.random() < (0.7 if style == "long" else 0.35):
        parts.append(_fill(rng, rng.choice(GREETINGS)) + ",")
    if style != "question" and rng.random() < 0.08:
        parts.append(_fill(rng, rng.choice(ADDRESS_LINES)))
    if style == "question":
        lead = rng.choice(
            [
                "mau tanya kenapa",
                "kenapa ya",
                "saya mau tanya, kok",
                "min kok",
                "bagaimana tindak lanjutnya,",
                "apakah benar",
            ]
        )
        parts.append(_sentence(f"{lead} {problem}").rstrip(".") + "?")
    elif style == "long":
        parts.append(_sentence(_fill(rng, rng.choice(INTROS)) + " " + problem))
    else:
        parts.append(_sentence(problem))
    if rng.random() < 0.35:
        dur = _fill(rng, rng.choice(DURATIONS))
        parts.append(
            _sentence(rng.choice([f"kondisi ini {dur}", f"{dur} seperti ini", f"masalah ini {dur} belum selesai"]))
        )
    n_details = {
        "short": rng.choice([0, 1, 1]),
        "long": rng.choice([1, 2, 3, 4]),
        "mixed": 1,
        "question": rng.choice([0, 1]),
    }[style]
    for detail, det_aspects in rng.sample(frag["details"], k=min(n_details, len(frag["details"]))):
        parts.append(_fill(rng, detail))
        aspects |= set(det_aspects)
    filler_rate = {"long": 0.7, "question": 0.4, "mixed": 0.5, "short": 0.25}[style]
    for _ in range(2 if style == "long" else 1):
        if rng.random() < filler_rate:
            parts.insert(rng.randint(1, len(parts)), _fill(rng, rng.choice(FILLERS)))
    if style == "long" and rng.random() < 0.3:
        detail, det_aspects = rng.choice(GENERIC_DETAILS)
        parts.append(detail)
        aspects |= set(det_aspects)
    if style == "mixed":
        other = rng.choice([t for t in TOPIC_CODES if t not in (topic, "lainnya")])
        other_problem, other_aspects = _problem(rng, other)
        parts.append(_sentence(f"{rng.choice(MIX_LINKS)} {other_problem}"))
        aspects |= set(other_aspects)
    ask = rng.choice(frag["asks"]) if rng.random() < 0.6 else rng.choice(GENERIC_ASKS)
    if style == "long" and topic != "lainnya" and rng.random() < 0.5:
        parts.append(_sentence(rng.choice(frag["asks"])))
        ask = rng.choice(GENERIC_ASKS)
    parts.append(_sentence(ask))
    if style == "long" or rng.random() < 0.25:
        parts.append(_fill(rng, rng.choice(CLOSINGS)))
    text = " ".join(_fill(rng, p) for p in parts if p)
    return _surface(rng, text), topic, aspects, True


def build_rows(seed: int = SEED, per_topic: int = PER_TOPIC) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    variant_rng = random.Random(seed + 1)
    for text, topic, aspects in HANDWRITTEN:
        # the hand-written text, then one re-styled variant (shared greeting/closing, slang, typos)
        for candidate in (text, _restyle(variant_rng, text)):
            key = candidate.lower()
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                {"text": candidate, "topic": topic, "aspects": ";".join(sorted(aspects)), "aspects_labelled": "1"}
            )
    for topic in TOPIC_CODES:
        made, attempts = 0, 0
        while made < per_topic and attempts < per_topic * 20:
            attempts += 1
            text, label, aspects, labelled = _compose(rng, topic)
            key = text.lower()
            if len(text) < 3 or key in seen:
                continue
            seen.add(key)
            ordered = [a for a in ASPECT_CODES if a in aspects]
            rows.append(
                {
                    "text": text,
                    "topic": label,
                    "aspects": ";".join(ordered),
                    "aspects_labelled": "1" if labelled else "0",
                }
            )
            made += 1
    return rows


def write_corpus(path: Path = CORPUS_PATH, seed: int = SEED) -> int:
    rows = build_rows(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["text", "topic", "aspects", "aspects_labelled"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS_PATH
    print(f"wrote {write_corpus(out)} rows to {out}")
