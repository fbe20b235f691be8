"""Curated topic lexicon: normalised keywords (domain knowledge) that signal each topic.

Used by :class:`ml.pipeline.TopicLexicon` as a small dense feature block next to the TF-IDF
n-grams: per topic, log(1 + number of keyword hits), L2-normalised. Keywords of 4+ letters match
as prefixes ("sekolah" matches "sekolahnya"), shorter ones as whole words. Each keyword belongs to
one topic. Written from the taxonomy (docs/ml.md), not from any evaluation data.
"""

TOPIC_LEXICON: dict[str, str] = {
    "adminduk": "ktp kk akta nik dukcapil capil disdukcapil kia ikd domisili kependudukan blangko rekam",
    "kesehatan": (
        "puskesmas rsud rumah sakit bpjs dokter bidan perawat obat pasien posyandu dbd fogging stunting "
        "ambulans klinik kesehatan igd rawat berobat vaksin"
    ),
    "pendidikan": (
        "sekolah guru murid siswa ppdb zonasi sd smp sma smk mts madrasah paud tk ijazah rapor komite "
        "kelas pip kip beasiswa kuliah mahasiswa pendidikan pelajar tpg sertifikasi tamsil"
    ),
    "jalan_jembatan": "jalan aspal berlubang lubang jembatan trotoar cor betonisasi ambles longsor",
    "penerangan_jalan": "pju lampu penerangan gelap",
    "drainase_banjir": "saluran selokan gorong drainase banjir genangan irigasi tanggul talud sungai meluap mampet",
    "lingkungan_sampah": "sampah tps tpa limbah pencemaran bau asap polusi debu tambang galian pohon tercemar",
    "air_bersih": "pdam air pamsimas sumur pipa meteran keruh",
    "bantuan_sosial": (
        "bansos bantuan pkh bpnt blt dtks pbi rtlh pupuk sembako kks miskin elpiji subsidi lansia disabilitas "
        "mbg bergizi"
    ),
    "perizinan": "izin pbg imb nib oss pirt perizinan slf dpmptsp halal",
    "ketertiban_umum": (
        "pkl parkir liar miras judi balap preman pencurian maling mabuk knalpot keamanan satpol ronda narkoba "
        "dicuri kecurian copet dicopet jambret dijambret begal pengemis pengamen odgj"
    ),
    "transportasi": "angkot angkutan terminal bus truk macet rambu lalu lintas kendaraan",
    "ketenagakerjaan": (
        "gaji upah umk umr thr phk pesangon karyawan pekerja buruh lembur lowongan kerja pabrik tki pmi umkm "
        "pelatihan pengangguran"
    ),
    "pungli": "pungli pungutan calo suap pelicin korupsi potong dipotong selewengkan rokok",
    "kinerja_petugas": "petugas pegawai perangkat kades pelayanan kantor asn loket lambat ketus",
    "lainnya": "pln listrik token sinyal internet wifi tower pbb sertifikat bpn harga pasar sim",
}
