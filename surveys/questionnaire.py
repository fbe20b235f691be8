"""The SKM questionnaire of PermenPANRB 14/2017: the 9 unsur, their questions and 1–4 answer labels,
and the respondent-profile choices. Strings are marked with N_ and translated where shown."""

from __future__ import annotations

from dataclasses import dataclass

from portal.i18n import N_


@dataclass(frozen=True, slots=True)
class Unsur:
    code: str
    name: str
    question: str
    labels: tuple[str, str, str, str]  # answer 1, 2, 3, 4


STANDARD_UNSUR: tuple[Unsur, ...] = (
    Unsur(
        "u1",
        N_("Persyaratan"),
        N_("Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        (N_("Tidak sesuai"), N_("Kurang sesuai"), N_("Sesuai"), N_("Sangat sesuai")),
    ),
    Unsur(
        "u2",
        N_("Sistem, Mekanisme, dan Prosedur"),
        N_("Bagaimana kemudahan prosedur pelayanan di unit ini?"),
        (N_("Tidak mudah"), N_("Kurang mudah"), N_("Mudah"), N_("Sangat mudah")),
    ),
    Unsur(
        "u3",
        N_("Waktu Penyelesaian"),
        N_("Bagaimana kecepatan waktu dalam memberikan pelayanan?"),
        (N_("Tidak cepat"), N_("Kurang cepat"), N_("Cepat"), N_("Sangat cepat")),
    ),
    Unsur(
        "u4",
        N_("Biaya/Tarif"),
        N_("Bagaimana kewajaran biaya/tarif dalam pelayanan?"),
        (N_("Sangat mahal"), N_("Cukup mahal"), N_("Murah"), N_("Gratis")),
    ),
    Unsur(
        "u5",
        N_("Produk Spesifikasi Jenis Pelayanan"),
        N_(
            "Bagaimana kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan "
            "dengan hasil yang diberikan?"
        ),
        (N_("Tidak sesuai"), N_("Kurang sesuai"), N_("Sesuai"), N_("Sangat sesuai")),
    ),
    Unsur(
        "u6",
        N_("Kompetensi Pelaksana"),
        N_("Bagaimana kompetensi/kemampuan petugas dalam pelayanan?"),
        (N_("Tidak kompeten"), N_("Kurang kompeten"), N_("Kompeten"), N_("Sangat kompeten")),
    ),
    Unsur(
        "u7",
        N_("Perilaku Pelaksana"),
        N_("Bagaimana perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?"),
        (
            N_("Tidak sopan dan ramah"),
            N_("Kurang sopan dan ramah"),
            N_("Sopan dan ramah"),
            N_("Sangat sopan dan ramah"),
        ),
    ),
    Unsur(
        "u8",
        N_("Penanganan Pengaduan, Saran dan Masukan"),
        N_("Bagaimana penanganan pengaduan pengguna layanan?"),
        (
            N_("Tidak ada"),
            N_("Ada tetapi tidak berfungsi"),
            N_("Berfungsi kurang maksimal"),
            N_("Dikelola dengan baik"),
        ),
    ),
    Unsur(
        "u9",
        N_("Sarana dan Prasarana"),
        N_("Bagaimana kualitas sarana dan prasarana?"),
        (N_("Buruk"), N_("Cukup"), N_("Baik"), N_("Sangat baik")),
    ),
)
STANDARD_CODES: tuple[str, ...] = tuple(u.code for u in STANDARD_UNSUR)
GENERIC_LABELS: tuple[str, str, str, str] = (N_("Tidak baik"), N_("Kurang baik"), N_("Baik"), N_("Sangat baik"))
MAX_EXTRA_UNSUR = 6

AGE_BANDS: tuple[tuple[str, str], ...] = (
    ("lt20", N_("Di bawah 20 tahun")),
    ("20-29", N_("20–29 tahun")),
    ("30-39", N_("30–39 tahun")),
    ("40-49", N_("40–49 tahun")),
    ("50-59", N_("50–59 tahun")),
    ("60+", N_("60 tahun ke atas")),
)
SEXES: tuple[tuple[str, str], ...] = (("L", N_("Laki-laki")), ("P", N_("Perempuan")))
EDUCATION: tuple[tuple[str, str], ...] = (
    ("sd", N_("SD atau di bawahnya")),
    ("smp", N_("SMP")),
    ("sma", N_("SMA/SMK")),
    ("d3", N_("Diploma (D1–D3)")),
    ("s1", N_("D4/S1")),
    ("s2", N_("S2 ke atas")),
)
OCCUPATIONS: tuple[tuple[str, str], ...] = (
    ("pns", N_("PNS/TNI/Polri")),
    ("swasta", N_("Pegawai swasta")),
    ("wirausaha", N_("Wirausaha")),
    ("pelajar", N_("Pelajar/Mahasiswa")),
    ("irt", N_("Mengurus rumah tangga")),
    ("lainnya", N_("Lainnya")),
)
PROFILE_CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "age_band": AGE_BANDS,
    "sex": SEXES,
    "education": EDUCATION,
    "occupation": OCCUPATIONS,
}

PERIOD_TYPES: tuple[tuple[str, str], ...] = (
    ("quarter", N_("Triwulan")),
    ("semester", N_("Semester")),
    ("year", N_("Tahunan")),
)
CHANNELS: tuple[tuple[str, str], ...] = (
    ("web", N_("Formulir daring (kode struk)")),
    ("complaint", N_("Undangan setelah pengaduan selesai")),
    ("open", N_("Formulir daring terbuka")),
    ("paper", N_("Kuesioner kertas (dientri petugas)")),
)
MEDIA: tuple[tuple[str, str], ...] = (
    ("papan_pengumuman", N_("Papan pengumuman")),
    ("media_sosial", N_("Media sosial")),
    ("website", N_("Website unit")),
    ("leaflet", N_("Leaflet/brosur")),
    ("media_cetak", N_("Media cetak")),
    ("media_elektronik", N_("TV/kios/layar elektronik")),
    ("aplikasi", N_("Aplikasi")),
    ("videotron", N_("Papan reklame/videotron")),
)


def unsur_by_code() -> dict[str, Unsur]:
    return {u.code: u for u in STANDARD_UNSUR}


# Kinerja unit labels of surveys.formula.MUTU_BANDS, marked here for the catalogue.
MUTU_LABELS = (N_("Sangat Baik"), N_("Baik"), N_("Kurang Baik"), N_("Tidak Baik"))
