# ruff: noqa: E501 - long lines of demo data read better unwrapped
"""Demo catalogue: the units, Maklumat Pelayanan and service standards of the fictional Kabupaten Sukamaju.

The unit slugs of DEMO_UNITS are relied on by the classifier's topic routing and by other domains' demo
data: keep them. Fees follow the usual pattern of Indonesian regencies: civil registration is free by
law (UU 24/2013 as amended), licences through OSS/DPMPTSP mostly free, health and hospital services
charged by a retribution Perda.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from portal.tables import Maklumat, Service, ServiceVersion, Unit

DEMO_UNITS = [
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "dinas"),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas"),
    ("dinkes", "Dinas Kesehatan", "dinas"),
    ("disdik", "Dinas Pendidikan", "dinas"),
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas"),
    ("dishub", "Dinas Perhubungan", "dinas"),
    ("dlh", "Dinas Lingkungan Hidup", "dinas"),
    ("perumda-air-minum", "Perumda Air Minum Tirta Sukamaju", "bumd"),
    ("dinsos", "Dinas Sosial", "dinas"),
    ("satpolpp", "Satuan Polisi Pamong Praja", "badan"),
    ("disnaker", "Dinas Tenaga Kerja", "dinas"),
    ("inspektorat", "Inspektorat Daerah", "inspektorat"),
    ("puskesmas-sukamaju", "Puskesmas Sukamaju", "puskesmas"),
    ("rsud-sukamaju", "RSUD Sukamaju", "rsud"),
    ("kecamatan-sukamaju", "Kecamatan Sukamaju", "kecamatan"),
]

OFFICE_HOURS = "Senin–Kamis 08.00–15.00 WIB\nJumat 08.00–11.30 WIB\nSabtu, Minggu, dan hari libur nasional tutup"
LAPOR = {"label": "SP4N-LAPOR!", "value": "https://www.lapor.go.id"}
MAKLUMAT_TEXT = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah "
    "ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan "
    "perundang-undangan yang berlaku."
)

# slug -> (address, hours, phone, email-local-part, extra channels, head of unit)
UNIT_PROFILES: dict[str, tuple[str, str, str, str, list[dict[str, str]], str]] = {
    "disdukcapil": (
        "Jl. Jenderal Sudirman No. 12, Sukamaju 45111",
        OFFICE_HOURS + "\nLayanan Sabtu 08.00–12.00 WIB di Mal Pelayanan Publik",
        "(0231) 481 201",
        "disdukcapil",
        [{"label": "WhatsApp pengaduan", "value": "0812 2000 1201"}],
        "Drs. Agus Setiawan, M.Si.",
    ),
    "dpmptsp": (
        "Mal Pelayanan Publik, Jl. Ahmad Yani No. 5, Sukamaju 45112",
        OFFICE_HOURS,
        "(0231) 481 310",
        "dpmptsp",
        [{"label": "Meja pengaduan MPP", "value": "Lantai 1, loket 1"}],
        "Ir. Rina Marlina, M.T.",
    ),
    "dinkes": (
        "Jl. Pramuka No. 33, Sukamaju 45113",
        OFFICE_HOURS,
        "(0231) 482 115",
        "dinkes",
        [{"label": "Kotak saran", "value": "Lobi kantor"}],
        "dr. Hendra Gunawan, M.Kes.",
    ),
    "disdik": (
        "Jl. Siliwangi No. 20, Sukamaju 45114",
        OFFICE_HOURS,
        "(0231) 482 440",
        "disdik",
        [],
        "Dra. Sri Wahyuni, M.Pd.",
    ),
    "dpupr": (
        "Jl. Raya Cirebon–Bandung Km 4, Sukamaju 45115",
        OFFICE_HOURS,
        "(0231) 483 007",
        "dpupr",
        [],
        "Ir. Bambang Purnomo, M.T.",
    ),
    "dishub": (
        "Terminal Tipe B Sukamaju, Jl. Terminal No. 1, Sukamaju 45116",
        OFFICE_HOURS + "\nPengujian kendaraan: Senin–Sabtu 07.30–14.00 WIB",
        "(0231) 483 512",
        "dishub",
        [],
        "Drs. Yusuf Hidayat",
    ),
    "dlh": (
        "Jl. Kenanga No. 8, Sukamaju 45117",
        OFFICE_HOURS,
        "(0231) 484 210",
        "dlh",
        [{"label": "WhatsApp sampah dan pencemaran", "value": "0812 2000 4210"}],
        "Dewi Lestari, S.T., M.Sc.",
    ),
    "perumda-air-minum": (
        "Jl. Tirta Raya No. 2, Sukamaju 45118",
        "Senin–Jumat 07.30–15.30 WIB\nGangguan air: 24 jam melalui call center",
        "(0231) 484 999",
        "pdam",
        [{"label": "Call center 24 jam", "value": "1500 231"}],
        "Ir. Dadang Kusnadi (Direktur Utama)",
    ),
    "dinsos": (
        "Jl. Melati No. 14, Sukamaju 45119",
        OFFICE_HOURS,
        "(0231) 485 030",
        "dinsos",
        [],
        "Hj. Euis Rohaeni, S.Sos.",
    ),
    "satpolpp": (
        "Jl. Pemuda No. 1, Sukamaju 45120",
        "Piket 24 jam; administrasi Senin–Jumat 08.00–15.00 WIB",
        "(0231) 485 113",
        "satpolpp",
        [],
        "Asep Saepudin, S.H.",
    ),
    "disnaker": (
        "Jl. Industri No. 9, Sukamaju 45121",
        OFFICE_HOURS,
        "(0231) 485 600",
        "disnaker",
        [],
        "Drs. Ujang Sutisna, M.M.",
    ),
    "inspektorat": (
        "Jl. Veteran No. 3, Sukamaju 45122",
        OFFICE_HOURS,
        "(0231) 486 020",
        "inspektorat",
        [{"label": "Whistleblowing system", "value": "https://wbs.sukamajukab.go.id"}],
        "Dr. Nanang Kosim, Ak., M.Si.",
    ),
    "puskesmas-sukamaju": (
        "Jl. Kesehatan No. 4, Desa Sukamaju, Kecamatan Sukamaju 45123",
        "Senin–Kamis 07.30–14.00 WIB\nJumat 07.30–11.00 WIB\nSabtu 07.30–12.00 WIB\n"
        "Unit gawat darurat dan persalinan 24 jam",
        "(0231) 486 118",
        "pkm.sukamaju",
        [{"label": "Kotak saran", "value": "Ruang tunggu"}],
        "dr. Lia Amalia",
    ),
    "rsud-sukamaju": (
        "Jl. Dr. Wahidin No. 50, Sukamaju 45124",
        "Poliklinik Senin–Jumat 07.30–14.00 WIB, Sabtu 07.30–12.00 WIB\nIGD 24 jam",
        "(0231) 487 000",
        "rsud",
        [{"label": "Unit pengaduan RS", "value": "Gedung A, lantai 1"}],
        "dr. Ahmad Fauzi, Sp.PD., M.Kes. (Direktur)",
    ),
    "kecamatan-sukamaju": (
        "Jl. Raya Sukamaju No. 1, Kecamatan Sukamaju 45125",
        OFFICE_HOURS,
        "(0231) 488 001",
        "kec.sukamaju",
        [],
        "Camat Sukamaju, Dedi Supriadi, S.STP.",
    ),
}

FREE_BY_LAW = (
    "UU No. 24 Tahun 2013 tentang Perubahan atas UU No. 23 Tahun 2006 tentang Administrasi Kependudukan, Pasal 79A"
)
RETRIBUSI_KES = "Perda Kabupaten Sukamaju No. 1 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah, Lampiran Retribusi Pelayanan Kesehatan"
RETRIBUSI_PBG = "Perda Kabupaten Sukamaju No. 1 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah (Retribusi PBG)"
RETRIBUSI_DISHUB = "Perda Kabupaten Sukamaju No. 1 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah (Retribusi Pengujian Kendaraan Bermotor)"
TARIF_AIR = "Peraturan Bupati Sukamaju No. 18 Tahun 2023 tentang Tarif Air Minum Perumda Tirta Sukamaju"
COMPLAINTS = (
    "Pengaduan, saran, dan masukan dapat disampaikan langsung di loket pengaduan, melalui SP4N-LAPOR!, "
    "atau melalui portal ini; ditanggapi paling lambat 5 hari kerja."
)


def S(  # a compact constructor for the demo table below
    unit: str,
    slug: str,
    name: str,
    summary: str,
    requirements: list[str],
    procedure: list[str],
    duration: tuple[int, str],
    fee: int,
    product: str,
    *,
    fee_note: str = "",
    fee_basis: str = "",
    legal: str = "",
    featured: bool = False,
    history: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "unit": unit,
        "slug": slug,
        "name": name,
        "summary": summary,
        "requirements": requirements,
        "procedure": procedure,
        "duration": duration,
        "fee": fee,
        "product": product,
        "fee_note": fee_note,
        "fee_basis": fee_basis or (FREE_BY_LAW if unit == "disdukcapil" else ""),
        "legal": legal,
        "featured": featured,
        "history": history or [],
    }


DUKCAPIL_STEPS = [
    "Ambil nomor antrean di loket atau melalui aplikasi antrean daring.",
    "Serahkan berkas persyaratan kepada petugas verifikasi.",
    "Petugas memverifikasi dan memvalidasi data pada SIAK.",
    "Dokumen dicetak dan ditandatangani secara elektronik.",
    "Dokumen diserahkan kepada pemohon atau dikirim melalui email.",
]

SERVICES: list[dict[str, Any]] = [
    # Disdukcapil: free by law.
    S(
        "disdukcapil",
        "ktp-el",
        "Penerbitan KTP-el baru",
        "Perekaman dan pencetakan Kartu Tanda Penduduk elektronik bagi penduduk berusia 17 tahun atau sudah/pernah kawin.",
        [
            "Fotokopi Kartu Keluarga (KK)",
            "Telah berusia 17 tahun, sudah kawin, atau pernah kawin",
            "Surat pengantar RT/RW (bila diminta desa)",
        ],
        [
            "Datang ke kantor Disdukcapil atau kecamatan untuk perekaman biometrik (foto, sidik jari, iris, tanda tangan).",
            *DUKCAPIL_STEPS[2:],
        ],
        (1, "working_days"),
        0,
        "KTP-el",
        legal="UU No. 24 Tahun 2013; Permendagri No. 108 Tahun 2019",
        featured=True,
    ),
    S(
        "disdukcapil",
        "ktp-el-hilang-rusak",
        "Penggantian KTP-el hilang atau rusak",
        "Pencetakan ulang KTP-el yang hilang atau rusak.",
        [
            "Surat keterangan kehilangan dari kepolisian (bila hilang)",
            "KTP-el yang rusak (bila rusak)",
            "Fotokopi Kartu Keluarga",
        ],
        DUKCAPIL_STEPS,
        (1, "working_days"),
        0,
        "KTP-el pengganti",
    ),
    S(
        "disdukcapil",
        "kartu-keluarga",
        "Penerbitan Kartu Keluarga (KK)",
        "Penerbitan KK baru, perubahan data, atau penambahan anggota keluarga.",
        [
            "Formulir F-1.01 biodata keluarga",
            "KK lama (untuk perubahan)",
            "Buku nikah/akta perkawinan atau akta perceraian",
            "Surat keterangan pindah (bila pendatang)",
        ],
        DUKCAPIL_STEPS,
        (1, "working_days"),
        0,
        "Kartu Keluarga (dicetak mandiri di kertas HVS A4)",
        featured=True,
    ),
    S(
        "disdukcapil",
        "akta-kelahiran",
        "Penerbitan akta kelahiran",
        "Pencatatan kelahiran dan penerbitan kutipan akta kelahiran; gratis menurut undang-undang.",
        [
            "Surat keterangan lahir dari dokter, bidan, atau kepala desa",
            "Kartu Keluarga orang tua",
            "Buku nikah/akta perkawinan orang tua",
            "KTP-el dua orang saksi",
        ],
        DUKCAPIL_STEPS,
        (1, "working_days"),
        0,
        "Kutipan akta kelahiran",
        featured=True,
    ),
    S(
        "disdukcapil",
        "akta-kematian",
        "Penerbitan akta kematian",
        "Pencatatan kematian penduduk.",
        ["Surat keterangan kematian dari rumah sakit atau kepala desa", "KTP-el dan KK almarhum", "KTP-el pelapor"],
        DUKCAPIL_STEPS,
        (1, "working_days"),
        0,
        "Kutipan akta kematian dan KK yang diperbarui",
    ),
    S(
        "disdukcapil",
        "akta-perkawinan",
        "Pencatatan perkawinan non-muslim",
        "Pencatatan perkawinan bagi penduduk non-muslim.",
        [
            "Surat keterangan perkawinan dari pemuka agama",
            "KTP-el dan KK kedua mempelai",
            "Pas foto berdampingan 4x6",
            "KTP-el dua orang saksi",
        ],
        DUKCAPIL_STEPS,
        (1, "working_days"),
        0,
        "Kutipan akta perkawinan",
    ),
    S(
        "disdukcapil",
        "kia",
        "Penerbitan Kartu Identitas Anak (KIA)",
        "Kartu identitas bagi anak di bawah 17 tahun.",
        ["Fotokopi kutipan akta kelahiran", "KK orang tua", "Pas foto anak 2x3 (untuk anak usia 5 tahun ke atas)"],
        DUKCAPIL_STEPS,
        (1, "working_days"),
        0,
        "Kartu Identitas Anak",
    ),
    S(
        "disdukcapil",
        "pindah-datang",
        "Surat keterangan pindah dan pindah datang",
        "Perpindahan penduduk antar-desa, antar-kecamatan, atau antar-kabupaten.",
        ["KK asal", "KTP-el", "Formulir F-1.03 permohonan pindah"],
        DUKCAPIL_STEPS,
        (1, "working_days"),
        0,
        "Surat Keterangan Pindah (SKPWNI) dan KK baru",
    ),
    # DPMPTSP: licences.
    S(
        "dpmptsp",
        "nib-umk",
        "Nomor Induk Berusaha (NIB) usaha mikro dan kecil",
        "Pendampingan pendaftaran NIB melalui OSS RBA bagi usaha mikro dan kecil.",
        [
            "KTP-el pemilik usaha",
            "NPWP (bila ada)",
            "Alamat email dan nomor telepon aktif",
            "Data lokasi dan jenis kegiatan usaha (KBLI)",
        ],
        [
            "Datang ke meja pendampingan OSS di Mal Pelayanan Publik.",
            "Petugas membantu membuat akun OSS RBA.",
            "Data usaha diisi dan diperiksa bersama.",
            "NIB terbit dan diunduh dari sistem OSS.",
        ],
        (1, "hours"),
        0,
        "Nomor Induk Berusaha (NIB)",
        featured=True,
        legal="PP No. 28 Tahun 2025 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko",
    ),
    S(
        "dpmptsp",
        "izin-usaha-menengah",
        "Perizinan berusaha risiko menengah tinggi",
        "Verifikasi persyaratan dasar dan sertifikat standar untuk usaha risiko menengah tinggi.",
        [
            "NIB",
            "Dokumen kesesuaian kegiatan pemanfaatan ruang (KKPR)",
            "Dokumen lingkungan (SPPL/UKL-UPL)",
            "Persetujuan bangunan gedung (bila membangun)",
        ],
        [
            "Ajukan permohonan sertifikat standar melalui OSS RBA.",
            "DPMPTSP meneruskan ke dinas teknis untuk verifikasi.",
            "Verifikasi lapangan bila diperlukan.",
            "Sertifikat standar terverifikasi terbit di OSS.",
        ],
        (10, "working_days"),
        0,
        "Sertifikat standar terverifikasi",
    ),
    S(
        "dpmptsp",
        "izin-reklame",
        "Izin penyelenggaraan reklame",
        "Izin pemasangan reklame permanen dan insidental.",
        [
            "KTP-el pemohon",
            "NIB",
            "Desain dan ukuran reklame",
            "Foto lokasi dan denah",
            "Surat persetujuan pemilik lahan",
        ],
        [
            "Ajukan permohonan di loket DPMPTSP atau daring.",
            "Tim teknis meninjau lokasi.",
            "Izin ditandatangani secara elektronik.",
            "Pemohon membayar pajak reklame sesuai ketetapan.",
        ],
        (5, "working_days"),
        0,
        "Surat izin penyelenggaraan reklame",
        fee_note="Izin gratis; pajak reklame ditetapkan terpisah oleh Bapenda.",
    ),
    S(
        "dpmptsp",
        "kkpr",
        "Konfirmasi Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR)",
        "Konfirmasi kesesuaian lokasi usaha dengan RDTR/RTRW.",
        ["NIB", "Koordinat lokasi", "Bukti penguasaan tanah", "Rencana teknis bangunan (luas lahan dan bangunan)"],
        [
            "Ajukan melalui OSS RBA.",
            "Forum penataan ruang menilai bila lokasi belum ada RDTR.",
            "Konfirmasi KKPR terbit di OSS.",
        ],
        (20, "working_days"),
        0,
        "Konfirmasi/Persetujuan KKPR",
    ),
    # Dinas Kesehatan.
    S(
        "dinkes",
        "sip-tenaga-kesehatan",
        "Surat Izin Praktik (SIP) tenaga kesehatan",
        "Izin praktik bagi dokter, bidan, perawat, dan tenaga kesehatan lain.",
        [
            "Fotokopi STR yang masih berlaku",
            "Surat rekomendasi organisasi profesi",
            "Surat keterangan dari fasilitas pelayanan kesehatan tempat praktik",
            "Pas foto 4x6",
        ],
        [
            "Ajukan permohonan melalui aplikasi perizinan atau loket DPMPTSP.",
            "Dinas Kesehatan memverifikasi dokumen.",
            "SIP ditandatangani secara elektronik.",
        ],
        (7, "working_days"),
        0,
        "Surat Izin Praktik",
    ),
    S(
        "dinkes",
        "sertifikat-laik-higiene",
        "Sertifikat laik higiene sanitasi jasa boga",
        "Penilaian kelayakan higiene usaha jasa boga, rumah makan, dan depot air minum.",
        [
            "NIB",
            "Hasil uji laboratorium sampel makanan/air",
            "Sertifikat kursus higiene penjamah makanan",
            "Denah dapur",
        ],
        [
            "Ajukan permohonan di loket.",
            "Petugas sanitarian melakukan inspeksi lokasi.",
            "Sampel diuji di laboratorium kesehatan daerah.",
            "Sertifikat terbit bila memenuhi syarat.",
        ],
        (14, "working_days"),
        150_000,
        "Sertifikat laik higiene sanitasi",
        fee_note="Biaya pemeriksaan laboratorium per sampel.",
        fee_basis=RETRIBUSI_KES,
    ),
    S(
        "dinkes",
        "pirt",
        "Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)",
        "Izin edar pangan olahan produksi rumah tangga.",
        ["NIB", "Sertifikat penyuluhan keamanan pangan", "Label produk", "Hasil pemeriksaan sarana produksi"],
        [
            "Daftar melalui OSS RBA.",
            "Ikuti penyuluhan keamanan pangan.",
            "Pemeriksaan sarana produksi oleh petugas.",
            "SPP-IRT terbit.",
        ],
        (14, "working_days"),
        0,
        "Sertifikat SPP-IRT",
    ),
    # Dinas Pendidikan.
    S(
        "disdik",
        "legalisir-ijazah",
        "Legalisasi fotokopi ijazah SD/SMP",
        "Pengesahan fotokopi ijazah atau STTB SD dan SMP.",
        ["Ijazah asli", "Fotokopi ijazah (paling banyak 10 lembar)", "KTP-el pemilik atau kuasanya"],
        [
            "Serahkan ijazah asli dan fotokopi di loket.",
            "Petugas mencocokkan dengan ijazah asli.",
            "Fotokopi dilegalisasi dan dikembalikan.",
        ],
        (1, "hours"),
        0,
        "Fotokopi ijazah yang dilegalisasi",
    ),
    S(
        "disdik",
        "surat-pengganti-ijazah",
        "Surat keterangan pengganti ijazah yang hilang atau rusak",
        "Bagi lulusan SD/SMP yang ijazahnya hilang atau rusak.",
        [
            "Surat keterangan kehilangan dari kepolisian",
            "Fotokopi ijazah (bila ada)",
            "Surat keterangan dari sekolah asal",
            "Pas foto 3x4",
        ],
        [
            "Ajukan permohonan melalui sekolah asal.",
            "Sekolah memverifikasi buku induk.",
            "Dinas menerbitkan surat keterangan pengganti.",
        ],
        (7, "working_days"),
        0,
        "Surat keterangan pengganti ijazah",
    ),
    S(
        "disdik",
        "izin-paud",
        "Izin pendirian satuan PAUD",
        "Izin operasional pendirian Taman Kanak-kanak atau Kelompok Bermain.",
        [
            "Akta yayasan dan SK Kemenkumham",
            "Bukti kepemilikan/sewa lahan",
            "Data pendidik dan peserta didik",
            "Kurikulum",
        ],
        ["Ajukan permohonan melalui DPMPTSP.", "Tim verifikasi meninjau lokasi.", "Izin operasional ditetapkan."],
        (30, "calendar_days"),
        0,
        "Izin operasional PAUD",
    ),
    # DPUPR.
    S(
        "dpupr",
        "pbg",
        "Persetujuan Bangunan Gedung (PBG, dahulu IMB)",
        "Persetujuan membangun, mengubah, atau merawat bangunan gedung melalui SIMBG.",
        [
            "Data pemohon dan bukti kepemilikan tanah",
            "Gambar rencana arsitektur, struktur, dan utilitas",
            "KKPR",
            "Perhitungan struktur (untuk bangunan 2 lantai atau lebih)",
        ],
        [
            "Ajukan permohonan melalui SIMBG.",
            "Konsultasi dengan Tim Profesi Ahli (TPA).",
            "Pernyataan pemenuhan standar teknis terbit.",
            "Pembayaran retribusi PBG.",
            "PBG terbit di SIMBG.",
        ],
        (28, "working_days"),
        250_000,
        "Persetujuan Bangunan Gedung (PBG)",
        featured=True,
        fee_note="Contoh untuk rumah tinggal sederhana; nilai retribusi dihitung dari luas dan indeks bangunan.",
        fee_basis=RETRIBUSI_PBG,
        legal="PP No. 16 Tahun 2021 tentang Bangunan Gedung",
    ),
    S(
        "dpupr",
        "slf",
        "Sertifikat Laik Fungsi (SLF)",
        "Sertifikat kelayakan fungsi bangunan gedung sebelum dimanfaatkan.",
        ["PBG", "Laporan pemeriksaan kelaikan fungsi oleh pengkaji teknis", "Gambar terbangun (as built drawing)"],
        ["Ajukan permohonan melalui SIMBG.", "Pemeriksaan dokumen dan lapangan.", "SLF terbit di SIMBG."],
        (3, "working_days"),
        0,
        "Sertifikat Laik Fungsi",
    ),
    S(
        "dpupr",
        "advis-teknis-jalan",
        "Rekomendasi teknis pemanfaatan ruang milik jalan",
        "Rekomendasi untuk galian kabel/pipa atau jalan masuk di ruang milik jalan kabupaten.",
        ["Surat permohonan", "Gambar teknis rencana pekerjaan", "Surat pernyataan sanggup memperbaiki jalan"],
        ["Ajukan permohonan di loket.", "Peninjauan lapangan.", "Rekomendasi teknis diterbitkan."],
        (10, "working_days"),
        0,
        "Surat rekomendasi teknis",
    ),
    # Dishub: vehicle test with a fee change.
    S(
        "dishub",
        "uji-kir",
        "Pengujian berkala kendaraan bermotor (uji KIR)",
        "Uji berkala kendaraan angkutan barang dan penumpang setiap 6 bulan.",
        [
            "STNK asli dan fotokopi",
            "Buku uji/kartu uji lama",
            "KTP-el pemilik atau surat kuasa",
            "Kendaraan dalam keadaan bersih",
        ],
        [
            "Daftar dan bayar retribusi di loket.",
            "Kendaraan diuji di jalur uji (emisi, rem, lampu, kemudi).",
            "Hasil uji dicatat pada kartu uji elektronik (BLUe).",
            "Tanda lulus uji dipasang.",
        ],
        (3, "hours"),
        75_000,
        "Kartu uji berkala elektronik (BLUe) dan tanda lulus uji",
        fee_note="Per kendaraan per pengujian; kendaraan di atas 8 ton dikenai tarif berbeda.",
        fee_basis=RETRIBUSI_DISHUB,
        featured=True,
        history=[
            {
                "fee": 60_000,
                "effective": date(2023, 1, 2),
                "note": "Standar awal.",
                "decree": "Kep. Kadishub No. 551/012/Dishub/2023",
                "adopted": date(2022, 12, 20),
                "fee_basis": "Perda Kabupaten Sukamaju No. 4 Tahun 2012 tentang Retribusi Jasa Umum",
            }
        ],
    ),
    S(
        "dishub",
        "izin-trayek",
        "Izin penyelenggaraan angkutan orang dalam trayek",
        "Izin trayek angkutan perdesaan dan perkotaan dalam kabupaten.",
        [
            "NIB badan usaha/koperasi",
            "Daftar kendaraan dan STNK",
            "Bukti lulus uji berkala",
            "Surat pernyataan kesanggupan memenuhi standar pelayanan minimal",
        ],
        ["Ajukan permohonan melalui DPMPTSP.", "Dishub mengevaluasi kebutuhan trayek.", "Izin ditandatangani."],
        (14, "working_days"),
        0,
        "Izin trayek dan kartu pengawasan",
    ),
    S(
        "dishub",
        "andalalin",
        "Persetujuan analisis dampak lalu lintas (Andalalin)",
        "Penilaian dokumen Andalalin untuk pembangunan pusat kegiatan.",
        ["Dokumen Andalalin yang disusun tenaga ahli bersertifikat", "KKPR", "Site plan"],
        [
            "Ajukan dokumen.",
            "Sidang tim evaluasi Andalalin.",
            "Perbaikan dokumen bila diminta.",
            "Persetujuan diterbitkan.",
        ],
        (30, "calendar_days"),
        0,
        "Surat persetujuan Andalalin",
    ),
    # DLH.
    S(
        "dlh",
        "sppl",
        "Registrasi SPPL (Surat Pernyataan Kesanggupan Pengelolaan Lingkungan)",
        "Untuk usaha yang tidak wajib AMDAL atau UKL-UPL.",
        ["NIB", "Deskripsi kegiatan dan lokasi usaha"],
        ["Isi SPPL melalui OSS RBA.", "DLH memeriksa kesesuaian.", "SPPL teregistrasi."],
        (1, "working_days"),
        0,
        "SPPL teregistrasi",
    ),
    S(
        "dlh",
        "ukl-upl",
        "Persetujuan lingkungan UKL-UPL",
        "Pemeriksaan formulir UKL-UPL dan penerbitan persetujuan lingkungan.",
        ["Formulir UKL-UPL", "KKPR", "Peta lokasi", "Bukti konsultasi publik"],
        [
            "Ajukan formulir melalui Amdalnet.",
            "Pemeriksaan administrasi dan substansi.",
            "Rapat koordinasi.",
            "Persetujuan lingkungan terbit.",
        ],
        (14, "working_days"),
        0,
        "Rekomendasi UKL-UPL / persetujuan lingkungan",
    ),
    S(
        "dlh",
        "angkut-sampah",
        "Pengangkutan sampah rumah tangga dan usaha",
        "Pendaftaran layanan angkut sampah terjadwal.",
        ["KTP-el", "Alamat lengkap lokasi pengangkutan"],
        [
            "Daftar di kantor DLH atau melalui WhatsApp.",
            "Petugas menetapkan jadwal dan rute.",
            "Pengangkutan dimulai sesuai jadwal.",
        ],
        (3, "working_days"),
        15_000,
        "Layanan angkut sampah terjadwal",
        fee_note="Per bulan untuk rumah tangga; usaha sesuai volume.",
        fee_basis="Perda Kabupaten Sukamaju No. 1 Tahun 2024 (Retribusi Pelayanan Persampahan/Kebersihan)",
    ),
    # Perumda Air Minum.
    S(
        "perumda-air-minum",
        "sambungan-baru",
        "Pemasangan sambungan baru air minum",
        "Pemasangan sambungan rumah baru jaringan Perumda Air Minum.",
        ["KTP-el", "KK", "Denah lokasi rumah", "Rekening listrik terakhir"],
        [
            "Daftar di kantor pelayanan.",
            "Survei lokasi oleh petugas teknik.",
            "Pembayaran biaya sambungan.",
            "Pemasangan pipa dan meter air.",
        ],
        (7, "working_days"),
        1_250_000,
        "Sambungan air dan meter terpasang",
        fee_note="Termasuk meter air dan pipa dinas sampai 6 meter.",
        fee_basis=TARIF_AIR,
        featured=True,
        history=[
            {
                "fee": 1_000_000,
                "effective": date(2023, 7, 1),
                "note": "Standar awal.",
                "decree": "SK Direksi No. 02/2023",
                "adopted": date(2023, 6, 15),
                "fee_basis": TARIF_AIR,
            }
        ],
    ),
    S(
        "perumda-air-minum",
        "gangguan-air",
        "Penanganan gangguan aliran dan kebocoran pipa",
        "Laporan air tidak mengalir, keruh, atau pipa bocor.",
        ["Nomor sambungan pelanggan", "Alamat dan deskripsi gangguan"],
        [
            "Laporkan melalui call center atau loket.",
            "Tim teknik menuju lokasi.",
            "Perbaikan dan konfirmasi kepada pelanggan.",
        ],
        (24, "hours"),
        0,
        "Gangguan tertangani",
    ),
    S(
        "perumda-air-minum",
        "balik-nama",
        "Balik nama pelanggan",
        "Perubahan nama pemilik sambungan air.",
        ["KTP-el pemilik baru", "Bukti kepemilikan/sewa rumah", "Rekening air bulan terakhir lunas"],
        ["Ajukan di loket.", "Verifikasi data.", "Data pelanggan diperbarui."],
        (1, "working_days"),
        50_000,
        "Data pelanggan atas nama baru",
        fee_basis=TARIF_AIR,
    ),
    # Dinas Sosial.
    S(
        "dinsos",
        "dtks",
        "Pendaftaran dan pemutakhiran DTSEN/DTKS",
        "Usulan masuk data terpadu sosial ekonomi untuk bantuan sosial.",
        ["KTP-el dan KK", "Surat pengantar desa/kelurahan"],
        [
            "Daftar melalui desa/kelurahan atau aplikasi Cek Bansos.",
            "Musyawarah desa memverifikasi.",
            "Dinas Sosial memvalidasi dan mengirim usulan ke Kemensos.",
        ],
        (30, "calendar_days"),
        0,
        "Status data pada DTSEN",
    ),
    S(
        "dinsos",
        "rekomendasi-pbi-jk",
        "Rekomendasi PBI Jaminan Kesehatan",
        "Rekomendasi kepesertaan BPJS Kesehatan yang iurannya dibayar pemerintah.",
        [
            "KTP-el dan KK",
            "Surat keterangan tidak mampu dari desa",
            "Surat keterangan rawat dari fasilitas kesehatan (bila sedang dirawat)",
        ],
        [
            "Ajukan di loket Dinas Sosial.",
            "Verifikasi data DTSEN.",
            "Rekomendasi diterbitkan dan diteruskan ke BPJS Kesehatan.",
        ],
        (1, "working_days"),
        0,
        "Surat rekomendasi PBI-JK",
    ),
    # Satpol PP.
    S(
        "satpolpp",
        "pengamanan-kegiatan",
        "Permohonan pengamanan kegiatan masyarakat",
        "Pengamanan acara masyarakat dan ketertiban umum.",
        ["Surat permohonan", "Izin keramaian dari kepolisian", "Rundown kegiatan"],
        ["Ajukan permohonan paling lambat 7 hari sebelum kegiatan.", "Koordinasi teknis.", "Personel ditugaskan."],
        (3, "working_days"),
        0,
        "Surat perintah tugas pengamanan",
    ),
    S(
        "satpolpp",
        "pengaduan-ketertiban",
        "Penanganan pengaduan ketertiban umum",
        "Laporan pelanggaran Perda ketertiban umum.",
        ["Identitas pelapor (dirahasiakan)", "Lokasi dan uraian kejadian", "Foto bila ada"],
        [
            "Laporkan melalui portal, telepon piket, atau datang langsung.",
            "Petugas melakukan pengecekan lapangan.",
            "Tindakan penertiban sesuai ketentuan.",
            "Pelapor menerima informasi tindak lanjut.",
        ],
        (3, "working_days"),
        0,
        "Laporan tindak lanjut penertiban",
    ),
    # Disnaker.
    S(
        "disnaker",
        "kartu-ak1",
        "Kartu tanda pencari kerja (AK/I)",
        "Kartu kuning pencari kerja.",
        ["KTP-el", "Ijazah terakhir", "Pas foto 3x4 dua lembar"],
        ["Daftar di SIAPkerja atau loket.", "Verifikasi dokumen.", "Kartu AK/I dicetak."],
        (1, "hours"),
        0,
        "Kartu AK/I",
        featured=True,
    ),
    S(
        "disnaker",
        "pencatatan-pkb",
        "Pendaftaran Perjanjian Kerja Bersama (PKB)",
        "Pendaftaran PKB antara pengusaha dan serikat pekerja.",
        ["Naskah PKB yang ditandatangani", "Surat permohonan", "Bukti keanggotaan serikat pekerja"],
        ["Ajukan berkas.", "Pemeriksaan isi PKB terhadap peraturan.", "Surat keputusan pendaftaran terbit."],
        (6, "working_days"),
        0,
        "Surat keputusan pendaftaran PKB",
    ),
    S(
        "disnaker",
        "mediasi-hubungan-industrial",
        "Mediasi perselisihan hubungan industrial",
        "Mediasi perselisihan hak, kepentingan, PHK, atau antar-serikat pekerja.",
        ["Surat permohonan mediasi", "Risalah perundingan bipartit", "Identitas para pihak"],
        [
            "Ajukan permohonan.",
            "Mediator dipanggil dan sidang mediasi dijadwalkan.",
            "Perjanjian bersama atau anjuran tertulis.",
        ],
        (30, "working_days"),
        0,
        "Perjanjian bersama atau anjuran tertulis mediator",
    ),
    # Inspektorat.
    S(
        "inspektorat",
        "pengaduan-aparatur",
        "Penanganan pengaduan masyarakat terhadap aparatur",
        "Pengaduan dugaan penyimpangan oleh aparatur pemerintah daerah.",
        ["Identitas pelapor (dijamin kerahasiaannya)", "Uraian dugaan penyimpangan", "Bukti pendukung"],
        [
            "Sampaikan melalui WBS, SP4N-LAPOR!, atau langsung.",
            "Telaah pengaduan.",
            "Pemeriksaan khusus bila berindikasi.",
            "Pelapor menerima informasi hasil.",
        ],
        (60, "calendar_days"),
        0,
        "Laporan hasil penanganan pengaduan",
    ),
    S(
        "inspektorat",
        "skbt",
        "Surat keterangan bebas temuan",
        "Keterangan tidak memiliki tuntutan ganti rugi, untuk pejabat yang pindah/pensiun.",
        ["Surat permohonan dari perangkat daerah", "SK jabatan terakhir"],
        ["Ajukan permohonan.", "Pemeriksaan data tindak lanjut temuan.", "Surat keterangan terbit."],
        (3, "working_days"),
        0,
        "Surat keterangan bebas temuan",
    ),
    # Puskesmas: retribution fees.
    S(
        "puskesmas-sukamaju",
        "rawat-jalan",
        "Pelayanan rawat jalan umum",
        "Pemeriksaan dokter umum bagi pasien tanpa BPJS Kesehatan.",
        ["KTP-el atau KK", "Kartu BPJS Kesehatan (peserta BPJS tidak dipungut biaya)"],
        [
            "Ambil nomor antrean dan daftar di loket.",
            "Pemeriksaan tanda vital.",
            "Pemeriksaan oleh dokter.",
            "Ambil obat di apotek puskesmas.",
        ],
        (2, "hours"),
        15_000,
        "Pelayanan kesehatan dan resep obat",
        fee_note="Per kunjungan bagi pasien umum; peserta BPJS Kesehatan gratis.",
        fee_basis=RETRIBUSI_KES,
        featured=True,
        history=[
            {
                "fee": 10_000,
                "effective": date(2022, 1, 3),
                "note": "Standar awal.",
                "decree": "SK Kepala Puskesmas No. 445/01/2022",
                "adopted": date(2021, 12, 15),
                "fee_basis": "Perda Kabupaten Sukamaju No. 4 Tahun 2012 tentang Retribusi Jasa Umum",
            }
        ],
    ),
    S(
        "puskesmas-sukamaju",
        "imunisasi",
        "Imunisasi dasar lengkap",
        "Imunisasi bayi dan balita sesuai jadwal nasional.",
        ["Buku KIA (Kesehatan Ibu dan Anak)", "KK"],
        [
            "Daftar di loket KIA.",
            "Penimbangan dan pemeriksaan anak.",
            "Pemberian imunisasi.",
            "Pencatatan pada buku KIA.",
        ],
        (1, "hours"),
        0,
        "Imunisasi tercatat pada buku KIA",
    ),
    S(
        "puskesmas-sukamaju",
        "surat-keterangan-sehat",
        "Surat keterangan sehat",
        "Pemeriksaan kesehatan umum untuk keperluan sekolah atau kerja.",
        ["KTP-el", "Pas foto 3x4"],
        ["Daftar di loket.", "Pemeriksaan fisik oleh dokter.", "Surat keterangan ditandatangani."],
        (1, "hours"),
        25_000,
        "Surat keterangan sehat",
        fee_basis=RETRIBUSI_KES,
    ),
    S(
        "puskesmas-sukamaju",
        "laboratorium",
        "Pemeriksaan laboratorium sederhana",
        "Pemeriksaan darah rutin, gula darah, urine, dan BTA.",
        ["Surat pengantar dokter", "KTP-el atau kartu BPJS"],
        ["Serahkan pengantar di laboratorium.", "Pengambilan sampel.", "Hasil diserahkan kepada dokter atau pasien."],
        (3, "hours"),
        20_000,
        "Hasil pemeriksaan laboratorium",
        fee_note="Per jenis pemeriksaan bagi pasien umum.",
        fee_basis=RETRIBUSI_KES,
    ),
    # RSUD.
    S(
        "rsud-sukamaju",
        "rawat-jalan-spesialis",
        "Rawat jalan poliklinik spesialis",
        "Pemeriksaan dokter spesialis bagi pasien umum dan BPJS.",
        ["KTP-el", "Kartu BPJS dan surat rujukan FKTP (pasien BPJS)"],
        [
            "Daftar melalui aplikasi antrean atau anjungan mandiri.",
            "Verifikasi rujukan.",
            "Pemeriksaan oleh dokter spesialis.",
            "Pengambilan obat di farmasi.",
        ],
        (4, "hours"),
        75_000,
        "Pelayanan spesialis dan resep",
        fee_note="Jasa konsultasi spesialis pasien umum; pasien BPJS sesuai ketentuan JKN.",
        fee_basis="Peraturan Bupati Sukamaju No. 22 Tahun 2024 tentang Tarif Layanan BLUD RSUD Sukamaju",
    ),
    S(
        "rsud-sukamaju",
        "igd",
        "Pelayanan instalasi gawat darurat (IGD)",
        "Pelayanan kegawatdaruratan 24 jam tanpa syarat administrasi di muka.",
        ["Tidak ada syarat untuk tindakan pertama; identitas dilengkapi kemudian"],
        ["Pasien ditriase.", "Penanganan kegawatdaruratan.", "Observasi, rawat inap, atau rujukan."],
        (10, "hours"),
        0,
        "Penanganan gawat darurat",
        fee_note="Biaya tindakan lanjutan mengikuti tarif BLUD atau JKN.",
        fee_basis="UU No. 17 Tahun 2023 tentang Kesehatan (larangan menolak atau meminta uang muka pasien gawat darurat)",
    ),
    S(
        "rsud-sukamaju",
        "rekam-medis-resume",
        "Salinan resume medis",
        "Permintaan resume medis untuk klaim asuransi atau rujukan.",
        ["KTP-el pasien", "Surat kuasa bila diwakilkan"],
        ["Ajukan di unit rekam medis.", "Dokter penanggung jawab menyusun resume.", "Resume diserahkan."],
        (3, "working_days"),
        50_000,
        "Resume medis",
        fee_basis="Peraturan Bupati Sukamaju No. 22 Tahun 2024 tentang Tarif Layanan BLUD RSUD Sukamaju",
    ),
    # Kecamatan.
    S(
        "kecamatan-sukamaju",
        "surat-keterangan-domisili",
        "Surat keterangan domisili usaha",
        "Legalisasi surat keterangan domisili usaha dari desa.",
        ["Surat keterangan domisili dari desa", "KTP-el pemilik usaha", "Foto lokasi usaha"],
        ["Serahkan berkas di loket PATEN kecamatan.", "Verifikasi oleh kasi pelayanan.", "Camat menandatangani."],
        (1, "working_days"),
        0,
        "Surat keterangan domisili usaha",
        featured=True,
    ),
    S(
        "kecamatan-sukamaju",
        "surat-keterangan-ahli-waris",
        "Pengesahan surat keterangan ahli waris",
        "Pengesahan surat pernyataan ahli waris oleh camat.",
        [
            "Surat pernyataan ahli waris bermeterai",
            "Akta kematian pewaris",
            "KTP-el dan KK seluruh ahli waris",
            "Surat pengantar desa",
        ],
        ["Serahkan berkas di loket PATEN.", "Verifikasi dan pemanggilan ahli waris bila perlu.", "Camat mengesahkan."],
        (3, "working_days"),
        0,
        "Surat keterangan ahli waris yang disahkan",
    ),
    S(
        "kecamatan-sukamaju",
        "rekomendasi-izin-keramaian",
        "Rekomendasi izin keramaian",
        "Rekomendasi camat untuk izin keramaian dari kepolisian.",
        ["Surat permohonan", "KTP-el penanggung jawab", "Surat pengantar desa"],
        ["Serahkan berkas.", "Verifikasi.", "Rekomendasi ditandatangani."],
        (1, "working_days"),
        0,
        "Surat rekomendasi camat",
    ),
    S(
        "kecamatan-sukamaju",
        "surat-keterangan-tidak-mampu",
        "Legalisasi surat keterangan tidak mampu (SKTM)",
        "Legalisasi SKTM untuk keringanan biaya sekolah atau kesehatan.",
        ["SKTM dari desa", "KTP-el dan KK"],
        ["Serahkan berkas di loket PATEN.", "Verifikasi.", "Camat melegalisasi."],
        (1, "hours"),
        0,
        "SKTM yang dilegalisasi",
    ),
]

INTERNAL_DEFAULTS = {
    "facilities": "Ruang tunggu ber-AC, kursi prioritas, loket khusus difabel dan lansia, toilet, area bermain anak.",
    "competence": "Pelaksana berpendidikan minimal SMA/sederajat, telah mengikuti bimbingan teknis pelayanan prima.",
    "internal_supervision": "Atasan langsung melakukan pengawasan harian; SPI/Inspektorat melakukan audit berkala.",
    "staff_count": "4 orang petugas loket, 2 orang verifikator.",
    "service_guarantee": "Pelayanan diberikan sesuai standar; bila terlambat, pemohon berhak mengadu dan mendapat penjelasan.",
    "security_guarantee": "Data pribadi dijaga kerahasiaannya; dokumen diproses tanpa pungutan di luar ketentuan.",
    "performance_evaluation": "Survei kepuasan masyarakat setiap semester dan evaluasi kinerja pelaksana setiap tahun.",
}


async def _insert_service(spec: dict[str, Any], unit_id: int, now: datetime) -> int:
    rows = await Service.insert(
        Service(
            unit=unit_id,
            slug=spec["slug"],
            name=spec["name"],
            summary=spec["summary"],
            published=True,
            accepts_complaints=True,
            featured=spec["featured"],
            created_at=now,
            updated_at=now,
        )
    ).returning(Service.id)
    service_id = rows[0]["id"]
    common = {
        "requirements": spec["requirements"],
        "procedure": spec["procedure"],
        "duration_value": spec["duration"][0],
        "duration_unit": spec["duration"][1],
        "fee_note": spec["fee_note"],
        "product": spec["product"],
        "complaint_handling": COMPLAINTS,
        "legal_basis": spec["legal"] or "UU No. 25 Tahun 2009 tentang Pelayanan Publik",
        **INTERNAL_DEFAULTS,
        "community_involvement": ["masyarakat pengguna layanan", "organisasi masyarakat sipil", "instansi terkait"],
    }
    versions = []
    for old in spec["history"]:
        versions.append(
            {
                **common,
                "fee_amount": old["fee"],
                "fee_legal_basis": old["fee_basis"],
                "effective_from": old["effective"],
                "adopted_on": old["adopted"],
                "decree_number": old["decree"],
                "reviewed_on": old["adopted"],
                "change_note": old["note"],
            }
        )
    versions.append(
        {
            **common,
            "fee_amount": spec["fee"],
            "fee_legal_basis": spec["fee_basis"],
            "effective_from": date(2025, 1, 2),
            "adopted_on": date(2024, 12, 16),
            "decree_number": f"Keputusan Kepala {spec['unit'].upper()} No. 800/{len(spec['slug']) * 7:03d}/2024",
            "reviewed_on": date(2025, 11, 20),
            "change_note": "Penyesuaian tarif dengan Perda Pajak dan Retribusi Daerah 2024."
            if spec["history"]
            else "Penetapan standar pelayanan.",
        }
    )
    for number, version in enumerate(versions, start=1):
        await ServiceVersion.insert(ServiceVersion(service=service_id, version_no=number, created_at=now, **version))
    return service_id


async def load_catalogue_demo(context: dict[str, Any]) -> None:
    now = datetime.now(UTC)
    units: dict[str, int] = {}
    for slug, name, unit_type in DEMO_UNITS:
        address, hours, phone, mail, channels, head = UNIT_PROFILES[slug]
        rows = await Unit.insert(
            Unit(
                slug=slug,
                name=f"{name} Kabupaten Sukamaju",
                unit_type=unit_type,
                parent_agency="Pemerintah Kabupaten Sukamaju",
                address=address,
                opening_hours=hours,
                phone=phone,
                email=f"{mail}@sukamajukab.go.id",
                website=f"https://{slug}.sukamajukab.go.id",
                complaint_channels=[*channels, LAPOR, {"label": "Portal pengaduan", "value": "/pengaduan/baru"}],
                created_at=now,
                updated_at=now,
            )
        ).returning(Unit.id)
        units[slug] = rows[0]["id"]
        await Maklumat.insert(
            Maklumat(
                unit=units[slug],
                text=MAKLUMAT_TEXT,
                adopted_on=date(2024, 12, 16),
                signed_by=head,
                decree_number=f"Maklumat Pelayanan No. 065/{rows[0]['id']:02d}/2024",
                created_at=now,
            )
        )
    services: dict[str, int] = {}
    for spec in SERVICES:
        services[spec["slug"]] = await _insert_service(spec, units[spec["unit"]], now)
    context["units"] = units
    context["services"] = services
