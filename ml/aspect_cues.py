"""Cue phrases for SKM unsur that real complaints word in ways the aspect model misses.

Chosen 2026-12-05 on 420 annotated real complaints and checked on 414 others (micro-F1 0.585 -> 0.635,
macro-F1 0.379 -> 0.442 there; docs/ml.md). An unsur is returned when the aspect model gives it at
least the threshold *or* one of its cues occurs in the normalised text. Cues for persyaratan, produk and
sarana lowered F1 and are not used. A cue matches whole normalised words, with an optional "nya" on
the last word ("petugasnya", "laporannya"). Kept out of ``ml.lexicon``: the cues are applied after the
model and changing them does not need a new model.
"""

ASPECT_CUES: dict[str, tuple[str, ...]] = {
    "prosedur": (
        "prosedur",
        "alur",
        "mekanisme",
        "sistem",
        "aplikasi",
        "online",
        "daring",
        "pendaftaran",
        "mendaftar",
        "verifikasi",
        "validasi",
        "dipersulit",
        "berbelit",
        "bolak balik",
        "tata cara",
        "pengajuan",
        "mengajukan",
        "pendataan",
        "didata",
        "diusulkan",
    ),
    "waktu": (
        "lambat",
        "lamban",
        "antre",
        "antrean",
        "terlambat",
        "tertunda",
        "molor",
        "diundur",
        "berjam jam",
        "menunggu lama",
        "belum cair",
        "belum dicairkan",
        "belum jadi",
        "belum terbit",
        "belum keluar",
        "belum dibayar",
        "belum dibayarkan",
        "kapan cair",
        "tidak kunjung",
    ),
    "biaya": (
        "biaya",
        "bayar",
        "dibayar",
        "membayar",
        "tarif",
        "pungutan",
        "pungli",
        "dipungut",
        "iuran",
        "nominaluang",
        "uang",
        "mahal",
        "retribusi",
        "pelicin",
        "suap",
        "dipotong",
        "potongan",
        "denda",
        "gaji",
        "upah",
        "honor",
        "thr",
        "pesangon",
        "harga",
        "sewa",
    ),
    "perilaku": (
        "judes",
        "ketus",
        "kasar",
        "membentak",
        "dibentak",
        "bentak",
        "arogan",
        "sombong",
        "memarahi",
        "seenaknya",
        "diskriminasi",
        "nepotisme",
        "titipan",
        "intimidasi",
        "mengancam",
        "tidak ramah",
        "kurang ramah",
        "tidak sopan",
        "pilih kasih",
        "tidak disiplin",
        "tidak di tempat",
        "main hp",
    ),
    "pengaduan": (
        "sudah lapor",
        "sudah melapor",
        "sudah dilaporkan",
        "sudah melaporkan",
        "sudah mengadu",
        "tidak ditanggapi",
        "tidak direspon",
        "tidak ada tanggapan",
        "tidak ada respon",
        "tidak ada tindak lanjut",
        "belum ada tindak lanjut",
        "tidak ditindaklanjuti",
        "belum ditindaklanjuti",
        "belum ada tanggapan",
        "belum ada respon",
        "tidak dibalas",
        "belum dibalas",
        "tidak digubris",
    ),
}


def _suffixed(phrase: str) -> tuple[str, str]:
    return phrase, phrase + "nya"


_WORDS: dict[str, str] = {
    form: aspect for aspect, cues in ASPECT_CUES.items() for cue in cues if " " not in cue for form in _suffixed(cue)
}
_PHRASES: tuple[tuple[str, str], ...] = tuple(
    (f" {form} ", aspect)
    for aspect, cues in ASPECT_CUES.items()
    for cue in cues
    if " " in cue
    for form in _suffixed(cue)
)


def aspect_cues_in(normalized: str) -> frozenset[str]:
    """The unsur whose cues occur in a text already passed through :func:`ml.normalize.normalize`."""
    found = {_WORDS[token] for token in normalized.split() if token in _WORDS}
    padded = f" {normalized} "
    found.update(aspect for phrase, aspect in _PHRASES if aspect not in found and phrase in padded)
    return frozenset(found)
