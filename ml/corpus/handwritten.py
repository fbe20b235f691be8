# ruff: noqa: E501  (data module: long hand-written sentences)
"""Complete complaints written by hand for the project: (text, topic, aspects).

Written to look like messages citizens send (greetings, slang, run-on sentences, typos), with
invented names and places.
"""

HANDWRITTEN: list[tuple[str, str, tuple[str, ...]]] = [
    # adminduk
    (
        "pak bupati sy mau tanya ktp sy udh rekam dr bulan juni kok blm jadi2 ya, katanya blangko abis trs. gmn ini pak butuh bgt buat daftar kerja",
        "adminduk",
        ("waktu", "produk"),
    ),
    ("Yth. Kepala Dinas Dukcapil, saya mau tanya kenapa KTP saya blm jadi padahal udh 3 bulan", "adminduk", ("waktu",)),
    (
        "Assalamualaikum, mohon maaf mau tanya cara mengurus akta kelahiran anak yg lahirnya di rumah dukun bayi, syaratnya apa aja ya krn sy disuruh bawa surat dr bidan padahal ga ada",
        "adminduk",
        ("persyaratan",),
    ),
    (
        "kk saya namanya salah 1 huruf, bolak balik ke kecamatan disuruh ke dinas, di dinas disuruh ke kecamatan lg. capek pak",
        "adminduk",
        ("produk", "prosedur"),
    ),
    (
        "Selamat siang. Sy sdh ajukan pindah datang dari Kab. Sukoharjo sejak bln lalu tp sampai skrg statusnya masih diproses di aplikasi. Mohon bantuannya",
        "adminduk",
        ("waktu",),
    ),
    (
        "bapak saya sudah sepuh dan stroke tidak bisa jalan, gimana caranya rekam ktp el, apa bisa petugas datang ke rumah?",
        "adminduk",
        ("prosedur",),
    ),
    # kesehatan
    (
        "Yth Bapak Bupati, semalam istri saya mau melahirkan dibawa ke puskesmas tapi tidak ada bidan jaga, akhirnya kami bawa ke klinik swasta bayar mahal. Mohon puskesmas rawat inap benar2 buka 24 jam",
        "kesehatan",
        ("sarana", "biaya"),
    ),
    (
        "bpjs kis saya kok tiba2 nonaktif pas mau kontrol ke rsud, katanya dicoret dari pbi. saya harus gimana pak",
        "bantuan_sosial",
        ("produk",),
    ),
    (
        "pelayanan rsud parah, daftar jam 6 pagi baru ketemu dokter jam 1 siang, itupun cuma 2 menit diperiksa",
        "kesehatan",
        ("waktu", "kompetensi"),
    ),
    (
        "mohon perhatian dinkes, di desa kami banyak warga kena DBD tapi belum ada fogging sama sekali",
        "kesehatan",
        ("produk",),
    ),
    (
        "perawat igd membentak keluarga pasien padahal kami cuma tanya kapan ibu saya dipindah ke kamar",
        "kesehatan",
        ("perilaku",),
    ),
    # pendidikan
    (
        "Min, sekolah SMP negeri anak saya minta uang pembangunan mushola 750rb per siswa, katanya wajib. Bukannya sekolah negeri gratis ya?",
        "pendidikan",
        ("biaya",),
    ),
    (
        "ijazah sma anak sy ditahan sekolah swasta krn nunggak spp 2 jt, anak sy mau daftar kerja ga bisa",
        "pendidikan",
        ("biaya", "produk"),
    ),
    (
        "ppdb tahun ini kacau pak, rumah saya 300 meter dari sekolah tapi anak saya ga keterima, yang rumahnya jauh malah masuk",
        "pendidikan",
        ("prosedur",),
    ),
    (
        "ruang kelas 4 di SD kami plafonnya sudah jebol, anak2 belajar sambil takut ketimpa. mohon segera direhab",
        "pendidikan",
        ("sarana",),
    ),
    ("guru honorer kami sudah 4 bulan belum terima honor dari dana bos, kasihan pak", "pendidikan", ("waktu",)),
    # jalan_jembatan
    ("pak bupati tolong jalan di desa kami rusak parah udh bertahun2 gak diperbaiki", "jalan_jembatan", ("sarana",)),
    (
        "Jalan penghubung antar desa sepanjang 2 km hancur lebur, batu2nya keluar semua. Kalau hujan motor banyak yg jatuh. Tiap musrenbang diusulkan tp tdk pernah direalisasikan",
        "jalan_jembatan",
        ("sarana", "pengaduan"),
    ),
    (
        "jembatan kayu di dusun kami sudah lapuk, anak sekolah tiap hari lewat situ. tolong sebelum ada korban",
        "jalan_jembatan",
        ("sarana",),
    ),
    (
        "jalan baru diaspal bulan kemarin sudah mengelupas lagi, kualitasnya asal2an, tolong diawasi kontraktornya",
        "jalan_jembatan",
        ("produk",),
    ),
    ("lubang di jalan raya depan pasar dalam sekali pak, semalam ada pemotor jatuh", "jalan_jembatan", ("sarana",)),
    # penerangan_jalan
    (
        "lampu pju di sepanjang jalan menuju desa kami mati semua sudah 3 bulan, jalan gelap gulita rawan begal",
        "penerangan_jalan",
        ("sarana",),
    ),
    ("min lampu jalan di perempatan dekat masjid mati, tolong diganti", "penerangan_jalan", ("sarana",)),
    (
        "Mohon dipasang lampu penerangan jalan umum di jalan tembus antar dusun, tiap malam gelap sekali dan warga takut lewat",
        "penerangan_jalan",
        ("sarana",),
    ),
    (
        "tiang lampu jalan miring mau roboh ketabrak truk, kabelnya juga menjuntai bahaya",
        "penerangan_jalan",
        ("sarana",),
    ),
    # drainase_banjir
    (
        "tiap hujan sebentar aja jalan depan rumah langsung banjir krn gorong2nya kekecilan dan mampet sampah",
        "drainase_banjir",
        ("sarana",),
    ),
    (
        "Yth. Dinas PU, saluran air di perumahan kami tertutup bangunan ruko sehingga air tidak bisa mengalir dan masuk ke rumah warga",
        "drainase_banjir",
        ("sarana",),
    ),
    (
        "selokan di gang kami udh setahun gak dikeruk, penuh lumpur, kalau hujan meluap ke rumah",
        "drainase_banjir",
        ("sarana",),
    ),
    (
        "tanggul sungai kemarin jebol dan sawah warga terendam, mohon segera ditangani sebelum hujan lagi",
        "drainase_banjir",
        ("sarana",),
    ),
    # lingkungan_sampah
    ("sampah numpuk di pinggir jalan bau bgt", "lingkungan_sampah", ()),
    (
        "Pabrik di dekat kampung kami membuang limbah ke sungai, airnya jadi hitam dan bau. Ikan2 pada mati, warga juga gatal2 kalau mandi di sungai",
        "lingkungan_sampah",
        (),
    ),
    (
        "sudah bayar iuran sampah tiap bulan tapi truk sampah jarang lewat, sampah di depan rumah sampai dikerubungi lalat",
        "lingkungan_sampah",
        ("biaya", "produk"),
    ),
    (
        "bau kotoran ayam dari peternakan di belakang rumah sangat menyengat, kami sampai tidak bisa makan dengan tenang",
        "lingkungan_sampah",
        (),
    ),
    (
        "ada orang buang sampah di lahan kosong tiap malam, sekarang jadi tempat pembuangan sampah liar",
        "lingkungan_sampah",
        (),
    ),
    # air_bersih
    (
        "air pdam di perumahan kami udh 5 hari gak ngalir, tagihan jalan trs. tolong lah",
        "air_bersih",
        ("produk", "biaya"),
    ),
    (
        "Yth Direktur PDAM, air yang keluar keruh seperti air sungai dan ada cacingnya. Apakah air ini layak?",
        "air_bersih",
        ("produk",),
    ),
    (
        "saya pasang baru pdam sudah bayar lunas dari 2 bulan lalu tapi belum ada petugas yg datang pasang",
        "air_bersih",
        ("waktu", "biaya"),
    ),
    ("musim kemarau desa kami kekeringan, sumur2 kering. mohon bantuan droping air bersih", "air_bersih", ("produk",)),
    # bantuan_sosial
    (
        "saya janda punya 3 anak rumah numpang tp gak pernah dapet bantuan apapun, yg dapet malah yg punya motor 2",
        "bantuan_sosial",
        ("prosedur",),
    ),
    ("bantuan blt dd di desa kami dipotong 50rb per orang katanya buat kas desa", "bantuan_sosial", ("biaya",)),
    (
        "pak, bansos pkh saya sudah 2 tahap tidak cair padahal kartu masih ada. pendamping bilang tunggu aja",
        "bantuan_sosial",
        ("produk", "waktu"),
    ),
    (
        "mohon dicek data dtks di desa kami banyak yang sudah meninggal masih terdaftar tapi yg miskin tidak masuk",
        "bantuan_sosial",
        ("prosedur",),
    ),
    (
        "pupuk bersubsidi di kios langka pas musim tanam, petani terpaksa beli pupuk non subsidi yg mahal",
        "bantuan_sosial",
        ("biaya", "produk"),
    ),
    # perizinan
    (
        "Sy mengajukan PBG rumah tinggal lewat SIMBG sejak 4 bulan lalu, tp sampai skrg masih verifikasi terus tanpa kejelasan",
        "perizinan",
        ("waktu",),
    ),
    (
        "daftar nib di oss katanya gampang tapi saya gagal terus, pas ke dpmptsp petugasnya juga bingung",
        "perizinan",
        ("sarana", "kompetensi"),
    ),
    (
        "izin usaha warung makan saya kok diminta rekomendasi macam2, katanya cuma butuh NIB",
        "perizinan",
        ("persyaratan",),
    ),
    # ketertiban_umum
    (
        "tiap malam minggu ada balapan liar di jalan lingkar, suaranya brisik bgt dan bahaya buat yg lewat",
        "ketertiban_umum",
        (),
    ),
    ("PKL di alun2 makin semrawut, jualannya sampe ke badan jalan, mobil gak bisa lewat", "ketertiban_umum", ()),
    (
        "parkir liar di depan minimarket makan setengah jalan, tukang parkirnya juga maksa minta 5rb",
        "ketertiban_umum",
        ("biaya",),
    ),
    (
        "tetangga saya setel musik dangdut kenceng sampai jam 2 pagi tiap hari, sudah ditegur malah marah",
        "ketertiban_umum",
        (),
    ),
    ("di pos kamling dekat rumah tiap malam jadi tempat mabuk2an anak muda, warga resah", "ketertiban_umum", ()),
    # transportasi
    (
        "angkot jurusan ke kecamatan kami udh gak ada sejak pandemi, anak sekolah harus ojek tiap hari mahal",
        "transportasi",
        ("produk", "biaya"),
    ),
    (
        "traffic light di simpang empat dekat terminal mati udh seminggu, tiap pagi macet dan hampir tabrakan",
        "transportasi",
        ("sarana",),
    ),
    ("uji kir di dishub antre dari pagi sampai sore, padahal sudah daftar online", "transportasi", ("waktu",)),
    ("truk pasir lewat jalan desa ngebut terus, gak ada pengaturan jam operasional", "transportasi", ()),
    # ketenagakerjaan
    (
        "pabrik wig tempat saya kerja gaji masih di bawah umk dan lembur sampai malam tidak dihitung",
        "ketenagakerjaan",
        ("biaya",),
    ),
    ("saya dipecat tanpa alasan setelah 6 tahun kerja dan tidak dapat pesangon sepeserpun", "ketenagakerjaan", ()),
    ("THR tahun ini dicicil 3 kali sama perusahaan, apa boleh begitu pak?", "ketenagakerjaan", ()),
    ("gaji dipotong buat bpjs ketenagakerjaan tapi pas dicek saya tidak terdaftar", "ketenagakerjaan", ("biaya",)),
    # pungli
    (
        "ngurus surat pengantar di balai desa dimintai 100rb sama oknum perangkat, katanya buat administrasi",
        "pungli",
        ("biaya", "perilaku"),
    ),
    ("program ptsl katanya gratis tapi di desa kami ditarik 600rb per bidang tanpa kuitansi", "pungli", ("biaya",)),
    (
        "ada calo di kantor samsat yang nawarin bisa cepat asal bayar lebih, petugasnya diam aja",
        "pungli",
        ("biaya", "prosedur"),
    ),
    ("dana desa diduga diselewengkan kades, pembangunan yg dilaporkan tidak ada wujudnya", "pungli", ()),
    # kinerja_petugas
    (
        "datang ke kantor kecamatan jam 10 pegawainya belum pada datang, yang ada cuma satpam",
        "kinerja_petugas",
        ("perilaku", "waktu"),
    ),
    (
        "petugas pelayanan judes bgt, ditanya baik2 malah jawab ketus dan nyuruh baca sendiri",
        "kinerja_petugas",
        ("perilaku",),
    ),
    (
        "sudah antre berjam-jam eh loketnya tutup karena petugasnya istirahat, gak ada penggantinya",
        "kinerja_petugas",
        ("waktu", "perilaku"),
    ),
    (
        "aduan saya bulan lalu di aplikasi ini tidak pernah dibalas, apa gunanya kanal pengaduan",
        "kinerja_petugas",
        ("pengaduan",),
    ),
    # lainnya
    ("sinyal hp di dusun kami susah sekali, mau telepon saja harus naik ke bukit", "lainnya", ()),
    (
        "Selamat pagi, saya ingin bertanya bagaimana prosedur pengajuan proposal kegiatan karang taruna ke pemkab",
        "lainnya",
        ("prosedur",),
    ),
    ("terima kasih pak bupati atas perbaikan jalannya, sekarang sudah mulus", "lainnya", ()),
    ("pbb saya kok naik dua kali lipat tahun ini, bagaimana cara mengajukan keberatan?", "lainnya", ("biaya",)),
]
