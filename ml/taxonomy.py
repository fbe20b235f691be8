"""Topic and aspect taxonomy shared by the classifier, the corpus and the web layer."""

TOPICS: dict[str, dict[str, str]] = {
    "adminduk": {"id": "Administrasi Kependudukan", "en": "Population administration"},
    "kesehatan": {"id": "Kesehatan", "en": "Health services"},
    "pendidikan": {"id": "Pendidikan", "en": "Education"},
    "jalan_jembatan": {"id": "Jalan dan Jembatan", "en": "Roads and bridges"},
    "penerangan_jalan": {"id": "Penerangan Jalan Umum", "en": "Street lighting"},
    "drainase_banjir": {"id": "Drainase dan Banjir", "en": "Drainage and flooding"},
    "lingkungan_sampah": {"id": "Lingkungan Hidup dan Sampah", "en": "Environment and waste"},
    "air_bersih": {"id": "Air Bersih", "en": "Clean water supply"},
    "bantuan_sosial": {"id": "Bantuan Sosial dan Subsidi", "en": "Social assistance and subsidies"},
    "perizinan": {"id": "Perizinan", "en": "Permits and licensing"},
    "ketertiban_umum": {"id": "Ketertiban Umum", "en": "Public order"},
    "transportasi": {"id": "Transportasi", "en": "Transport"},
    "ketenagakerjaan": {"id": "Ketenagakerjaan", "en": "Employment and labour"},
    "pungli": {"id": "Pungutan Liar dan Integritas", "en": "Illegal levies and integrity"},
    "kinerja_petugas": {"id": "Kinerja Petugas", "en": "Staff performance"},
    "lainnya": {"id": "Lainnya", "en": "Other"},
}

# The nine SKM (Survei Kepuasan Masyarakat) unsur, PermenPANRB 14/2017.
ASPECTS: dict[str, dict[str, str]] = {
    "persyaratan": {"id": "Persyaratan", "en": "Requirements"},
    "prosedur": {"id": "Sistem, Mekanisme, dan Prosedur", "en": "Procedure"},
    "waktu": {"id": "Waktu Penyelesaian", "en": "Completion time"},
    "biaya": {"id": "Biaya/Tarif", "en": "Cost/fee"},
    "produk": {"id": "Produk Spesifikasi Jenis Pelayanan", "en": "Service product"},
    "kompetensi": {"id": "Kompetensi Pelaksana", "en": "Staff competence"},
    "perilaku": {"id": "Perilaku Pelaksana", "en": "Staff behaviour"},
    "pengaduan": {"id": "Penanganan Pengaduan, Saran dan Masukan", "en": "Complaint handling"},
    "sarana": {"id": "Sarana dan Prasarana", "en": "Facilities and infrastructure"},
}

TOPIC_CODES: tuple[str, ...] = tuple(TOPICS)
ASPECT_CODES: tuple[str, ...] = tuple(ASPECTS)
FALLBACK_TOPIC = "lainnya"
