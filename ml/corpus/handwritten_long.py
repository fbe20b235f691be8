# ruff: noqa: E501  (data module: long hand-written sentences)
"""Third batch of complete complaints written by hand for the project (2026-11-23, afternoon).

Mostly longer, rambling messages of the kind citizens send to a regent's complaint channel: a
story with context that is not about the topic (family, work, weather, earlier reports), the
actual problem somewhere in the middle, and a request; plus some terse messages, Banyumasan /
Javanese phrasing and typing slips. Themes that the earlier material covered thinly: livelihood
and economic hardship (aid, farmers, small businesses, jobs, factory work), public order at night
and in public places, village office service, and everyday public services. All names and places
are invented; nothing here is copied from or modelled on any dataset's rows.
"""

from ml.corpus.handwritten_more import A, B, D, H, K, P, R, S, W  # the aspect codes, one letter each

HANDWRITTEN_LONG: list[tuple[str, str, tuple[str, ...]]] = [
    # bantuan_sosial: aid, subsidies, poor households, farmers' and small-business aid
    (
        "Assalamualaikum pak bupati, saya mau cerita sedikit. Ibu saya umurnya sudah 78 tahun tinggal sendirian karena bapak sudah meninggal dan anak-anaknya merantau semua termasuk saya. Rumahnya dari kayu dan gentengnya banyak yang melorot. Selama ini ibu tidak pernah dapat bantuan apapun, padahal tetangga yang masih muda dan kerja malah dapat. Waktu saya tanya ke pak RT katanya nama ibu tidak ada di data. Mohon ibu saya bisa didata dan dimasukkan sebagai penerima bantuan lansia.",
        "bantuan_sosial",
        (R, P),
    ),
    (
        "gas melon di pangkalan dekat rumah selalu habis, katanya kiriman cuma seminggu sekali. di warung ada tapi harganya 27 ribu. kami jualan gorengan jadi butuh tiap hari. tolong diawasi pak distribusinya",
        "bantuan_sosial",
        (B, P),
    ),
    (
        "Selamat siang. Rumah saya sudah miring dan kalau hujan bocor di mana-mana, dinding bambu sudah lapuk. Dua tahun lalu sudah difoto dan diukur oleh orang desa katanya mau diusulkan bedah rumah, tapi sampai sekarang tidak ada kabar. Malah yang dapat program rumah tidak layak huni tahun ini rumahnya masih bagus. Saya buruh tani penghasilan tidak tentu. Mohon keadilan pak.",
        "bantuan_sosial",
        (W, R),
    ),
    (
        "Pak, PKH saya berhenti sejak awal tahun. Pendamping bilang saya sudah dianggap mampu karena anak saya sudah lulus SMA, padahal anak saya belum kerja dan suami saya sakit stroke tidak bisa kerja. Saya sudah ke kantor desa dan ke dinsos tapi disuruh menunggu pemutakhiran data. Sampai kapan pak? Kami makan saja susah.",
        "bantuan_sosial",
        (P, W),
    ),
    (
        "beras bantuan yang dibagikan bulan ini apek dan ada kutunya, telurnya juga banyak yang pecah. kalau protes ke agen katanya dari sananya memang begitu. ini hak orang miskin pak jangan dikasih barang jelek",
        "bantuan_sosial",
        (P,),
    ),
    (
        "nyong wis tuwa pak, bojone wis ora ana, ora tau olih bantuan apa-apa. sing olih malah sing duwe motor anyar. nyuwun tulung didata maning",
        "bantuan_sosial",
        (R,),
    ),
    (
        "Yth Bapak Bupati. Kami kelompok tani di dusun atas. Tahun lalu ada program bantuan bibit kopi dan pupuk organik, tapi yang menerima hanya anggota yang dekat dengan ketua, padahal proposalnya atas nama kelompok. Kami anggota lain tidak pernah diajak rapat dan tidak tahu bantuannya ke mana. Mohon dinas pertanian memeriksa penyaluran bantuan ke kelompok kami.",
        "bantuan_sosial",
        (R,),
    ),
    (
        "Pupuk urea dan ponska bersubsidi di kios susah sekali, padahal musim tanam padi sudah mulai. Petani disuruh beli yang non subsidi harganya tiga kali lipat. Kartu tani saya juga belum aktif padahal sudah didaftarkan dari tahun kemarin. Kalau telat pupuk panen bisa gagal, mohon pak bupati tegur distributornya.",
        "bantuan_sosial",
        (P, B),
    ),
    (
        "saya pedagang kecil jualan sayur keliling. dulu pernah daftar bantuan modal usaha mikro lewat desa, difotokopi ktp dan foto usaha, tapi tidak pernah cair. katanya ada yang dapat 2 kali. gimana caranya biar kami yang betul betul usaha kecil bisa dapat",
        "bantuan_sosial",
        (R, P),
    ),
    (
        "Anak saya disabilitas lumpuh sejak kecil umur 12 tahun, kursi rodanya sudah patah. Saya sudah mengajukan bantuan kursi roda ke dinas sosial lewat desa enam bulan yang lalu tapi belum ada jawaban. Kami tidak mampu beli sendiri. Mohon dibantu pak.",
        "bantuan_sosial",
        (W,),
    ),
    (
        "Rumah kami terbakar habis bulan lalu karena korsleting. Sekarang kami menumpang di rumah saudara. Dari desa sudah dibuatkan laporan dan kami dengar ada bantuan untuk korban bencana dari kabupaten, tapi sampai sekarang belum ada yang datang. Mohon informasinya harus mengurus ke mana.",
        "bantuan_sosial",
        (R, W),
    ),
    (
        "Mohon maaf pak, saya mau tanya soal kartu KIS PBI. Keluarga kami miskin, dulu iurannya ditanggung pemerintah, sekarang tiba-tiba dinyatakan tidak masuk data lagi dan disuruh bayar mandiri. Saya tidak sanggup bayar iuran lima orang. Bagaimana caranya supaya didaftarkan lagi sebagai penerima bantuan iuran?",
        "bantuan_sosial",
        (P, B),
    ),
    (
        "Bapak Bupati yang saya hormati. Di desa kami pembagian BLT dana desa tahun ini tidak diumumkan, tiba-tiba sudah dibagi di balai desa dan yang diundang hanya sebagian. Banyak janda dan lansia yang tidak kebagian. Waktu ditanya, kades bilang kuotanya terbatas. Kami minta daftar penerimanya ditempel di papan pengumuman supaya warga bisa ikut mengawasi.",
        "bantuan_sosial",
        (R,),
    ),
    (
        "bansos beras 10 kilo itu kok di RT kami cuma 5 orang yang dapat ya, yang lain sama sama susah. mohon dicek datanya",
        "bantuan_sosial",
        (P,),
    ),
    (
        "Saya peternak kecil, kambing saya mati beberapa karena penyakit dan panen jagung gagal karena kemarau. Kata penyuluh ada bantuan bibit dan ternak untuk petani yang gagal panen, tapi di desa kami tidak ada sosialisasinya. Mohon informasi cara mendapat bantuan tersebut dan syaratnya.",
        "bantuan_sosial",
        (D,),
    ),
    (
        "Pak, tetangga saya keluarga sangat miskin, suaminya buruh serabutan, anaknya empat dan tinggal di gubuk di pinggir kebun. Mereka belum punya kartu apa-apa untuk bantuan. Saya sudah lapor ke kadus tapi katanya pendaftaran DTKS sudah tutup. Mohon dinsos bisa turun langsung melihat kondisi mereka.",
        "bantuan_sosial",
        (R,),
    ),
    (
        "Bantuan alat mesin pertanian berupa traktor tangan untuk gapoktan kami ternyata dipakai pribadi oleh ketuanya dan disewakan ke desa lain. Anggota kalau mau pakai harus bayar sewa. Padahal itu bantuan dari pemerintah untuk kelompok. Mohon ditindaklanjuti.",
        "bantuan_sosial",
        (B,),
    ),
    (
        "Mas bupati, bantuan sosial tunai untuk penyandang disabilitas dan lansia kok tahun ini belum cair ya, biasanya bulan segini sudah. kami butuh buat beli obat",
        "bantuan_sosial",
        (W,),
    ),
    (
        "saya ibu rumah tangga punya usaha rumahan bikin keripik singkong. mau tanya apakah ada bantuan peralatan seperti spinner atau sealer dari pemerintah untuk usaha kecil, dan daftarnya ke dinas mana",
        "bantuan_sosial",
        (R,),
    ),
    # ketenagakerjaan: jobs, wages, contracts, factories, migrant workers, training
    (
        "Assalamualaikum pak. Saya kerja di pabrik rambut palsu sudah 4 tahun. Target per hari terus dinaikkan, kalau tidak tercapai kami disuruh lembur tanpa dibayar, katanya lembur itu tanggung jawab sendiri. Gaji juga sering telat dan dipotong kalau izin sakit walaupun ada surat dokter. Kami takut protes karena banyak yang antre mau masuk. Mohon disnaker sidak ke pabrik-pabrik.",
        "ketenagakerjaan",
        (B, H),
    ),
    (
        "Pak bupati anak saya lulus SMK jurusan mesin sudah dua tahun nganggur. Sudah melamar ke mana-mana tapi selalu ditolak karena tidak ada pengalaman, pabrik di sini kebanyakan cari perempuan. Akhirnya dia cuma main hp di rumah. Kami minta pemkab bikin pelatihan dan bursa kerja yang benar-benar ada perusahaannya, jangan cuma formalitas.",
        "ketenagakerjaan",
        (P,),
    ),
    (
        "kontrak kerja saya diputus 2 minggu sebelum lebaran, teman-teman juga sama, jadi tidak dapat THR. habis lebaran katanya boleh melamar lagi dari awal. ini kan akal akalan perusahaan pak",
        "ketenagakerjaan",
        (B,),
    ),
    (
        "Saya sudah keluar dari perusahaan tempat saya kerja tiga bulan lalu dan mau mencairkan JHT BPJS Ketenagakerjaan. Ternyata iuran saya hanya dibayar setahun padahal gaji saya dipotong tiap bulan selama empat tahun. HRD susah ditemui. Mohon dinas tenaga kerja membantu menagih hak kami.",
        "ketenagakerjaan",
        (B, P),
    ),
    (
        "Adik saya berangkat kerja ke luar negeri lewat sponsor dari kampung, sudah bayar belasan juta. Sekarang di sana gajinya tidak dibayar penuh dan paspornya ditahan majikan. Kami keluarga di rumah bingung mau lapor ke mana. Mohon pemda membantu memulangkan atau melindungi pekerja migran asal daerah kita.",
        "ketenagakerjaan",
        (B,),
    ),
    (
        "mau tanya pak, pelatihan menjahit dan las di BLK itu pendaftarannya kapan dan apakah ada batas umur? saya umur 38 janda pengen punya keterampilan biar bisa kerja",
        "ketenagakerjaan",
        (D,),
    ),
    (
        "Perusahaan tempat saya bekerja menahan ijazah asli semua karyawan baru sebagai jaminan. Kalau mau resign sebelum 2 tahun harus bayar denda baru ijazah dikembalikan. Apakah itu dibolehkan? Saya ingin pindah kerja tapi ijazah saya masih di sana.",
        "ketenagakerjaan",
        (D, B),
    ),
    (
        "Kami pelaku UMKM makanan olahan di desa. Produk sudah ada PIRT tapi susah pemasarannya, paling hanya dititip di warung. Mohon dinas koperasi dan UMKM mengadakan pelatihan pemasaran online, pengemasan dan pameran produk supaya usaha kecil di desa bisa berkembang.",
        "ketenagakerjaan",
        (P,),
    ),
    (
        "satpam di kantor kami dari perusahaan outsourcing, gajinya di bawah umk dan sudah dua bulan belum dibayar. mereka kerja 12 jam tanpa libur. tolong pak dicek perusahaan penyalurnya",
        "ketenagakerjaan",
        (B, W),
    ),
    (
        "Suami saya kecelakaan kerja jatuh dari perancah di proyek bangunan, tangannya patah. Mandornya cuma kasih uang seratus ribu dan sekarang suami saya tidak bisa kerja. Ternyata dia tidak didaftarkan jaminan kecelakaan kerja. Mohon keadilan untuk buruh bangunan seperti suami saya.",
        "ketenagakerjaan",
        (B,),
    ),
    (
        "ngurus kartu kuning atau kartu pencari kerja di disnaker katanya bisa online tapi webnya error terus, datang langsung disuruh balik besok. padahal lowongan tutupnya lusa",
        "ketenagakerjaan",
        (S, W),
    ),
    (
        "anakku nganggur wis rong taun pak, lamaran neng pabrik ora tau ditampa, jarene kudu nganggo wong njero. nyuwun pemkab gawe lowongan sing adil",
        "ketenagakerjaan",
        (R,),
    ),
    (
        "Ada lowongan kerja di pabrik sepatu yang disebar lewat grup WA, tapi pelamar diminta transfer uang pendaftaran dan seragam dulu. Banyak teman saya sudah transfer ternyata lowongannya palsu. Mohon disnaker memberi informasi lowongan resmi dan menindak penipuan lowongan kerja.",
        "ketenagakerjaan",
        (B,),
    ),
    (
        "Saya buruh pabrik, upah kami dibayar per minggu dan tidak pernah dapat slip gaji. Kalau hari libur nasional kami tetap masuk tapi dihitung biasa. Cuti hamil juga dipersulit, teman saya malah disuruh keluar waktu hamil tujuh bulan. Mohon pengawasan ketenagakerjaan yang serius.",
        "ketenagakerjaan",
        (B, H),
    ),
    (
        "pak bupati, lowongan pppk dan honorer itu kok infonya nggak pernah sampai ke desa, tahu tahu sudah tutup. mbok dibuat info lowongan kerja yang jelas buat anak muda",
        "ketenagakerjaan",
        (P,),
    ),
    (
        "Saya dirumahkan tanpa pesangon setelah bekerja 9 tahun dengan alasan perusahaan sepi order. Katanya nanti dipanggil lagi tapi sudah setengah tahun tidak ada kabar, status saya tidak jelas, mau cari kerja lain tidak bisa karena belum di-PHK resmi. Mohon mediasi dari dinas tenaga kerja.",
        "ketenagakerjaan",
        (B, W),
    ),
    # ketertiban_umum: night noise, drinking, gambling, racing, street vendors, parking, theft
    (
        "Selamat malam pak. Maaf saya mengganggu. Di lapangan dekat rumah saya hampir tiap malam minggu ada hajatan dengan organ tunggal, musiknya keras sekali sampai jam 2 pagi, yang nonton banyak pemuda mabuk dan kadang berkelahi. Anak saya yang masih bayi tidak bisa tidur dan orang tua saya punya sakit jantung. Sudah pernah kami sampaikan ke RT tapi katanya sudah ada izin. Mohon ada pembatasan jam dan pengawasan dari aparat.",
        "ketertiban_umum",
        (),
    ),
    (
        "tiap malam rombongan motor knalpot brong muter muter di sekitar alun alun sampai subuh, suaranya memekakkan telinga. polisi cuma lewat doang. tolong dirazia pak",
        "ketertiban_umum",
        (),
    ),
    (
        "Minggu pagi jalan lingkar dipakai anak-anak muda untuk balapan, mereka menutup jalan dan penonton berdiri di pinggir. Sudah pernah ada yang tertabrak. Warga yang mau ke pasar terpaksa putar jauh. Mohon aparat berjaga setiap akhir pekan.",
        "ketertiban_umum",
        (),
    ),
    (
        "Di warung ujung gang ada yang jual ciu dan minuman oplosan secara terang-terangan. Setiap malam pemuda kumpul mabuk-mabukan di situ, teriak-teriak dan kadang menggoda perempuan yang lewat. Kami takut anak-anak ikut terpengaruh. Mohon satpol PP dan polisi menertibkan.",
        "ketertiban_umum",
        (),
    ),
    (
        "lapor pak, di belakang balai dusun tiap sore ada judi sabung ayam, yang datang dari mana mana dan bawa mobil parkir sembarangan. warga resah tapi takut negur",
        "ketertiban_umum",
        (),
    ),
    (
        "Tempat karaoke di pinggir jalan raya dekat pemukiman buka sampai menjelang subuh, padahal setahu saya aturannya hanya sampai tengah malam. Sering ada keributan orang mabuk dan perempuan pemandu keluar masuk. Warga sekitar keberatan, mohon izinnya dievaluasi dan jam operasionalnya ditegakkan.",
        "ketertiban_umum",
        (),
    ),
    (
        "Rumah kos di lingkungan kami tidak ada penjaganya, laki-laki dan perempuan yang bukan suami istri bebas keluar masuk sampai larut malam. Sudah ditegur warga tapi pemiliknya tidak peduli. Mohon ada penertiban rumah kos.",
        "ketertiban_umum",
        (),
    ),
    (
        "di lampu merah perempatan kota banyak anak punk dan pengamen yang maksa minta uang, kadang mukul mukul kaca mobil. pengemis juga makin banyak. mohon dinsos dan satpol pp menertibkan",
        "ketertiban_umum",
        (),
    ),
    (
        "Parkir di depan minimarket dan bank sekarang ada tukang parkir semua, dulu gratis. Kita cuma sebentar ambil uang di ATM sudah ditarik dua ribu, kadang lima ribu kalau malam, tidak ada karcisnya. Apakah itu resmi? Kalau liar mohon ditertibkan.",
        "ketertiban_umum",
        (B,),
    ),
    (
        "Trotoar sepanjang jalan depan alun-alun penuh pedagang kaki lima, pejalan kaki terpaksa jalan di aspal dan berebut dengan motor. Sampah bekas dagangan juga ditinggal begitu saja. Mohon PKL direlokasi ke tempat yang disediakan.",
        "ketertiban_umum",
        (),
    ),
    (
        "Dalam sebulan ini sudah tiga kambing warga hilang dicuri malam hari, dan ada motor hilang di teras rumah. Ronda di dusun kami sudah lama tidak jalan. Mohon polsek meningkatkan patroli malam dan desa menghidupkan lagi siskamling.",
        "ketertiban_umum",
        (),
    ),
    (
        "pulang sekolah anak anak SMK dari dua sekolah sering tawuran di dekat jembatan, bawa gir dan sabuk. kemarin ada yang luka. warga takut lewat. mohon aparat berjaga jam pulang sekolah",
        "ketertiban_umum",
        (),
    ),
    (
        "Ada sekelompok orang mengaku dari ormas yang tiap minggu minta uang keamanan ke pedagang pasar dan pemilik toko. Kalau tidak dikasih, dagangan diacak-acak. Kami pedagang kecil takut. Mohon aparat menindak premanisme ini.",
        "ketertiban_umum",
        (B,),
    ),
    (
        "Di bantaran sungai dekat jembatan berdiri bangunan-bangunan semi permanen untuk warung dan tempat tinggal tanpa izin, makin lama makin banyak. Padahal itu tanah negara. Mohon ditertibkan sebelum jadi kawasan kumuh.",
        "ketertiban_umum",
        (),
    ),
    (
        "pemuda di kampung kami banyak yang kecanduan judi online slot, ada yang sampai jual motor orang tuanya. tolong pemerintah dan polisi berantas judi online",
        "ketertiban_umum",
        (),
    ),
    (
        "Setiap bulan puasa anak-anak menyalakan petasan dan mercon besar tengah malam sampai sahur, bunyinya seperti bom. Kaca rumah tetangga sampai retak. Mohon penjual petasan dirazia.",
        "ketertiban_umum",
        (),
    ),
    (
        "Pak, di desa kami ada pesta dengan sound system besar diarak keliling kampung sampai tengah malam, getarannya bikin genteng rontok dan jalanan ditutup. Mohon ada aturan tegas soal sound system keliling.",
        "ketertiban_umum",
        (),
    ),
    (
        "reklame dan spanduk liar dipasang di pohon dan tiang listrik sepanjang jalan protokol, sudah sobek sobek tidak dicopot. kota jadi kumuh. tolong ditertibkan",
        "ketertiban_umum",
        (),
    ),
    (
        "Ada orang gangguan jiwa yang berkeliaran di pasar dan kadang mengamuk, melempar batu ke pedagang. Warga takut tapi tidak tahu harus lapor ke mana. Mohon ditangani supaya aman.",
        "ketertiban_umum",
        (),
    ),
    # kinerja_petugas: village / sub-district office service, unanswered reports
    (
        "Selamat siang pak bupati. Saya mau menyampaikan keluhan soal pelayanan di kantor desa kami. Sejak pagi saya menunggu untuk minta tanda tangan surat pengantar, ternyata kades tidak datang dan sekdes bilang tidak berani menandatangani. Perangkat yang lain asyik main hp dan ngobrol. Ini sudah ketiga kalinya saya datang. Padahal surat itu untuk keperluan berobat anak saya. Mohon perangkat desa dibina supaya disiplin.",
        "kinerja_petugas",
        (W, H),
    ),
    (
        "Aduan saya lewat aplikasi sudah dua bulan statusnya masih menunggu verifikasi, tidak ada balasan sama sekali. Lalu buat apa ada kanal pengaduan kalau tidak dibaca. Mohon admin menindaklanjuti aduan warga.",
        "kinerja_petugas",
        (A, W),
    ),
    (
        "kantor kecamatan jam 12 siang loketnya sudah tutup, pegawainya entah ke mana. yang datang dari desa jauh disuruh balik besok. jam kerja kan sampai sore pak",
        "kinerja_petugas",
        (W, H),
    ),
    (
        "Saya sering melihat pegawai berseragam dinas nongkrong di warung kopi dan belanja di pasar saat jam kerja, motor dinasnya diparkir di depan. Sementara kalau kita ke kantor, pelayanannya lama dengan alasan kekurangan pegawai. Mohon disiplin ASN ditegakkan.",
        "kinerja_petugas",
        (H,),
    ),
    (
        "Kepala desa kami tidak mau melayani warga yang dulu tidak memilih dia waktu pilkades. Surat keterangan tidak mampu untuk anak saya ditunda-tunda dengan berbagai alasan, sementara warga lain langsung dibuatkan. Kami minta pelayanan yang adil tanpa membedakan.",
        "kinerja_petugas",
        (H,),
    ),
    (
        "petugas di mal pelayanan publik bilang sistemnya offline dan tidak bisa menjelaskan kapan normal. ditanya baik baik malah jawabnya ketus. sudah antre dari jam 8",
        "kinerja_petugas",
        (H, S),
    ),
    (
        "Pak, kantor kelurahan kami sering kosong. Kalau ditelepon nomor yang di papan tidak aktif. Mau minta surat domisili usaha harus nunggu lurahnya ada, kadang seminggu tidak masuk. Mohon ada petugas pengganti kalau pejabatnya dinas luar.",
        "kinerja_petugas",
        (W, P),
    ),
    (
        "sudah tiga kali lapor ke dinas terkait soal masalah di desa kami, dijawab akan ditindaklanjuti, tapi tidak pernah ada yang datang meninjau. kesannya cuma basa basi. mohon pak bupati menegur dinasnya",
        "kinerja_petugas",
        (A,),
    ),
    (
        "Camat baru kami sulit sekali ditemui, setiap ke kantor katanya rapat di kabupaten. Urusan warga yang butuh tanda tangan camat jadi menumpuk berminggu-minggu.",
        "kinerja_petugas",
        (W,),
    ),
    (
        "Pelayanan di kantor desa kami sekarang harus janjian lewat WA dulu, kalau tidak dibalas ya tidak dilayani. Orang tua yang tidak punya HP kesulitan. Petugasnya juga sering bilang nanti saja. Mohon pelayanan di balai desa dibuka sesuai jam kerja.",
        "kinerja_petugas",
        (R, H),
    ),
    # pungli: illegal levies, village fund misuse, brokers, bribes
    (
        "Program sertifikat tanah PTSL di desa kami dipungut 600 ribu per bidang oleh panitia desa, padahal setahu saya ketentuannya jauh di bawah itu. Kalau tidak bayar berkas tidak diproses. Tidak ada kuitansi dan rinciannya. Mohon diusut.",
        "pungli",
        (B,),
    ),
    (
        "Dana desa tahun lalu katanya untuk pembangunan rabat beton jalan dan gedung posyandu, tapi yang dikerjakan cuma separuh dan papan proyeknya tidak ada. Laporan pertanggungjawaban tidak pernah diumumkan ke warga. Kami curiga ada penyelewengan, mohon inspektorat melakukan audit.",
        "pungli",
        (P,),
    ),
    (
        "seleksi perangkat desa di tempat kami katanya sudah ada yang pesan kursi, calon disuruh setor puluhan juta ke oknum supaya lulus. yang pintar malah gugur. mohon diawasi pak",
        "pungli",
        (B, R),
    ),
    (
        "Di samsat ada calo yang menawarkan jasa perpanjangan STNK lima tahunan tanpa antre dengan tambahan biaya, dan anehnya petugas di dalam kenal dengan mereka. Yang mengurus sendiri malah dipersulit dan disuruh kembali besok.",
        "pungli",
        (B, R),
    ),
    (
        "Minta surat keterangan usaha di desa disuruh kasih uang rokok dulu sama perangkatnya, katanya sudah biasa. Saya orang kecil pak, surat itu buat pinjam modal.",
        "pungli",
        (B, H),
    ),
    (
        "Bantuan untuk rumah ibadah dari kabupaten katanya 50 juta tapi yang sampai ke panitia masjid kami hanya 35 juta, sisanya katanya untuk administrasi dan pajak. Apa itu benar? Mohon dijelaskan.",
        "pungli",
        (B,),
    ),
    (
        "waktu pengukuran tanah buat jual beli, oknum desa minta uang tambahan di luar biaya resmi katanya buat saksi dan materai. nilainya jutaan. ini pungli bukan pak",
        "pungli",
        (B,),
    ),
    (
        "Kades kami membeli mobil dan membangun rumah besar sejak menjabat, sementara jalan desa dan BUMDes tidak ada kemajuan. Uang kas BUMDes tidak jelas ke mana. Warga minta transparansi penggunaan anggaran desa.",
        "pungli",
        (P,),
    ),
    # adminduk
    (
        "Assalamualaikum pak bupati. Saya mau mengadu soal KTP anak saya. Dia rekam KTP waktu umur 17 tahun di kecamatan, waktu itu katanya tunggu satu bulan. Sekarang sudah hampir setahun dan setiap ditanyakan jawabannya blanko kosong, pakai surat keterangan dulu saja. Masalahnya surat keterangan itu tidak diterima waktu dia mau daftar kerja dan buka rekening. Mohon disdukcapil memberi kepastian.",
        "adminduk",
        (W, P),
    ),
    (
        "ibu saya meninggal 2 bulan lalu, mau urus akta kematian biar bisa ganti KK tapi katanya harus ada surat dari rumah sakit, padahal ibu meninggal di rumah. bingung pak syaratnya",
        "adminduk",
        (D,),
    ),
    (
        "Nama saya di KK dan di KTP beda satu huruf, akibatnya pencairan tabungan di bank ditolak dan BPJS saya juga bermasalah. Sudah mengajukan perbaikan data ke dukcapil dengan membawa ijazah sebagai bukti, disuruh menunggu sampai sekarang.",
        "adminduk",
        (P, W),
    ),
    (
        "Pak, aktivasi identitas kependudukan digital wajib pakai HP dan email, orang tua di desa banyak yang tidak bisa. Petugas di kecamatan juga bilang tidak melayani aktivasi. Mohon solusinya.",
        "adminduk",
        (R, S),
    ),
    (
        "saya pindahan dari luar jawa sudah bawa surat pindah, tapi di kecamatan bilang datanya belum bisa ditarik karena beda sistem. sudah sebulan belum punya kk baru, anak mau daftar sekolah",
        "adminduk",
        (W, R),
    ),
    # kesehatan
    (
        "Selamat pagi pak bupati. Kemarin ayah saya sesak napas dan kami bawa ke IGD RSUD jam 10 malam. Di sana kami menunggu hampir dua jam baru diperiksa, alasannya dokter jaga sedang menangani pasien lain. Setelah itu katanya harus rawat inap tapi kamar penuh dan kami disuruh cari rumah sakit lain sendiri. Kami orang desa tidak punya kendaraan. Mohon pelayanan IGD diperbaiki dan ada rujukan yang jelas.",
        "kesehatan",
        (W, S, R),
    ),
    (
        "puskesmas di kecamatan kami kalau hari sabtu cuma buka sampai jam 11, dokternya nggak ada, yang melayani cuma perawat. obat juga sering habis disuruh beli di luar",
        "kesehatan",
        (W, P),
    ),
    (
        "Istri saya melahirkan di rumah sakit pakai BPJS tapi waktu pulang tetap diminta bayar obat dan alat yang katanya tidak ditanggung, jumlahnya hampir dua juta tanpa rincian jelas. Apakah benar begitu aturannya?",
        "kesehatan",
        (B,),
    ),
    (
        "Anak saya demam tinggi dan trombositnya turun, tapi di puskesmas cuma dikasih paracetamol dan disuruh pulang. Besoknya kejang dan harus dibawa ke rumah sakit. Mohon tenaga kesehatan lebih teliti memeriksa pasien anak.",
        "kesehatan",
        (K,),
    ),
    (
        "bidan desa di tempat kami pindah dan sudah 4 bulan belum ada penggantinya. ibu hamil harus periksa jauh ke puskesmas. posyandu juga jadi jarang",
        "kesehatan",
        (S,),
    ),
    (
        "Daftar online rumah sakit untuk kontrol poli penyakit dalam selalu penuh, sudah dicoba dari jam 12 malam. Akhirnya datang langsung dan antre dari subuh, tetap baru dipanggil sore. Mohon sistem antrean poliklinik diperbaiki.",
        "kesehatan",
        (W, S),
    ),
    (
        "Pak, petugas ambulans desa minta uang bensin dan uang jalan 300 ribu untuk antar pasien ke rumah sakit kabupaten. Katanya ambulans gratis untuk warga. Mohon dijelaskan.",
        "kesehatan",
        (B,),
    ),
    (
        "Di desa kami banyak kasus demam berdarah, sudah dua anak dirawat. Kami sudah minta fogging ke puskesmas tapi katanya harus ada kasus positif yang dilaporkan rumah sakit dulu. Sementara nyamuk makin banyak.",
        "kesehatan",
        (R,),
    ),
    # air_bersih
    (
        "Assalamualaikum pak. Air PDAM di perumahan kami sudah sepuluh hari tidak mengalir, kalau mengalir cuma tengah malam dan kecil sekali. Kami terpaksa beli air galon untuk masak dan numpang mandi di rumah saudara. Tapi tagihan bulan ini malah naik. Telepon ke kantor PDAM tidak diangkat. Mohon segera ada perbaikan dan kiriman air tangki sementara.",
        "air_bersih",
        (P, B, A),
    ),
    (
        "air pamsimas di dusun kami mati karena pompanya rusak, pengurusnya bilang tidak ada dana perbaikan. warga sudah iuran tiap bulan. sekarang ambil air ke sungai",
        "air_bersih",
        (S, B),
    ),
    (
        "Air ledeng yang keluar warnanya kuning kecoklatan dan berbau kaporit menyengat, tidak bisa untuk minum. Anak-anak jadi gatal-gatal setelah mandi. Mohon kualitas air diperiksa.",
        "air_bersih",
        (P,),
    ),
    (
        "Musim kemarau sumur warga kering semua. Di dusun kami belum ada jaringan air bersih. Mohon dikirim bantuan air bersih dan dibuatkan sumur bor.",
        "air_bersih",
        (S,),
    ),
    (
        "meteran air saya rusak dan muter sendiri, tagihan jadi tiga kali lipat. sudah lapor ke kantor pdam disuruh ganti meteran bayar sendiri. yang rusak kan alat mereka",
        "air_bersih",
        (B, S),
    ),
    # perizinan
    (
        "Saya mengajukan persetujuan bangunan gedung untuk ruko sejak empat bulan lalu lewat sistem online. Sudah beberapa kali diminta revisi gambar dengan syarat yang berbeda-beda, dan konsultasi ke dinas jawabannya beda dengan yang di sistem. Usaha saya tertunda. Mohon prosesnya diperjelas.",
        "perizinan",
        (D, R, W),
    ),
    (
        "mau buka usaha warung makan kecil, apa harus punya NIB dan sertifikat halal? daftarnya di oss bingung banyak istilahnya. apa ada pendampingan gratis",
        "perizinan",
        (R,),
    ),
    (
        "Izin pendirian menara telekomunikasi di samping rumah warga keluar tanpa persetujuan warga sekitar. Kami tidak pernah diminta tanda tangan. Mohon izinnya ditinjau ulang.",
        "perizinan",
        (R,),
    ),
    (
        "Pengurusan izin usaha peternakan ayam saya di dinas perizinan sudah tiga bulan. Setiap datang ada saja syarat tambahan, dari rekomendasi tata ruang sampai kajian lingkungan. Mohon persyaratannya dijelaskan sekaligus di awal.",
        "perizinan",
        (D, W),
    ),
    # lainnya: services outside the portal units, prices, questions, proposals
    (
        "Pak bupati, harga beras di pasar sekarang naik terus sudah di atas lima belas ribu, minyak goreng dan cabai juga mahal. Sementara harga gabah petani waktu panen murah sekali. Mohon pemerintah daerah mengadakan operasi pasar dan mengawasi tengkulak.",
        "lainnya",
        (),
    ),
    (
        "listrik di desa kami sering padam mendadak tanpa pemberitahuan, kadang sehari tiga kali. usaha las dan penggilingan padi warga jadi terganggu. mohon disampaikan ke PLN",
        "lainnya",
        (),
    ),
    (
        "Saya mau tanya jadwal seleksi CPNS dan PPPK tahun ini di kabupaten kita, dan apakah honorer yang sudah lama mengabdi mendapat prioritas. Terima kasih.",
        "lainnya",
        (),
    ),
    (
        "Pasar desa yang baru dibangun tahun lalu sampai sekarang sepi, los-losnya kosong karena pedagang tetap jualan di pinggir jalan lama. Sayang bangunannya mangkrak. Mohon ada solusi supaya pasar itu hidup.",
        "lainnya",
        (),
    ),
    (
        "Saya usul pak, di alun-alun dibuat taman bermain anak dan tempat olahraga yang gratis, karena sekarang anak muda tidak punya tempat berkegiatan positif. Terima kasih.",
        "lainnya",
        (),
    ),
    (
        "Tagihan pajak kendaraan saya muncul denda padahal sudah bayar lewat aplikasi, buktinya ada. Waktu mau perpanjang di kantor pajak kendaraan disuruh bayar lagi. Mohon penjelasan.",
        "lainnya",
        (B,),
    ),
    (
        "Kami mohon informasi jadwal bus untuk jemaah haji dari kabupaten tahun ini, dan apakah lansia bisa didampingi keluarga. Terima kasih pak.",
        "lainnya",
        (),
    ),
    (
        "Harga jual singkong dan gula kelapa dari petani di desa kami jatuh, tengkulak menentukan harga seenaknya. Mohon pemkab membantu mencarikan pasar dan harga yang layak untuk hasil bumi warga.",
        "lainnya",
        (),
    ),
    # pendidikan
    (
        "Assalamualaikum pak. Anak saya sekolah di SMP negeri. Tiap awal tahun ajaran orang tua diminta sumbangan untuk pembangunan pagar, beli komputer dan kegiatan, jumlahnya ditentukan oleh komite dan dibagi rata. Bagi kami yang penghasilannya tidak tetap itu berat, belum lagi seragam dan buku. Katanya sekolah negeri gratis. Mohon dinas pendidikan mengecek.",
        "pendidikan",
        (B,),
    ),
    (
        "guru kelas anak saya sering marah marah dan mempermalukan murid di depan kelas, anak saya jadi mogok sekolah. sudah bicara ke kepala sekolah tapi tidak ada perubahan",
        "pendidikan",
        (H,),
    ),
    (
        "Kami guru honorer di SD negeri sudah mengabdi lebih dari sepuluh tahun, honornya hanya tiga ratus ribu sebulan dan dibayar tiga bulan sekali dari dana BOS. Mohon perhatian pemerintah daerah untuk kesejahteraan guru honorer.",
        "pendidikan",
        (B, W),
    ),
    (
        "pendaftaran sekolah negeri jalur zonasi kok yang rumahnya lebih jauh malah keterima, katanya pakai KK titipan. anak saya yang rumahnya dekat malah nggak keterima",
        "pendidikan",
        (R,),
    ),
    # infrastructure, environment, transport (long forms)
    (
        "Selamat siang pak bupati, saya warga dusun paling ujung. Jalan satu-satunya dari dusun kami ke jalan raya sepanjang kira-kira dua kilometer masih tanah dan batu, kalau hujan licinnya minta ampun. Anak sekolah sering jatuh, ibu hamil yang mau melahirkan harus ditandu. Sudah diusulkan lewat desa setiap tahun tapi selalu kalah prioritas. Kami juga warga kabupaten ini pak, mohon jalan kami diaspal atau dibeton.",
        "jalan_jembatan",
        (S, A),
    ),
    (
        "jembatan kayu di atas kali yang menghubungkan dua dusun papannya sudah banyak yang bolong dan pegangannya patah. anak sekolah lewat situ tiap hari. takut ada yang kecemplung",
        "jalan_jembatan",
        (S,),
    ),
    (
        "Lampu jalan di sepanjang jalan menuju terminal sudah mati semua sejak lebaran. Malam gelap sekali dan sering ada penjambretan. Mohon diperbaiki.",
        "penerangan_jalan",
        (S,),
    ),
    (
        "Setiap hujan lebih dari satu jam, perempatan dekat pasar tergenang sampai selutut karena gorong-gorong di bawah jalan tersumbat. Motor banyak yang mogok dan air masuk ke toko. Mohon saluran dibersihkan dan diperbesar.",
        "drainase_banjir",
        (S,),
    ),
    (
        "Saluran irigasi tersier ke sawah kami jebol dan tidak ada air yang masuk, padi mulai kering. Petani sudah gotong royong tapi butuh semen dan batu. Mohon bantuan perbaikan dari dinas.",
        "drainase_banjir",
        (S,),
    ),
    (
        "Selamat malam pak bupati. Saya tinggal di dekat peternakan ayam petelur yang kandangnya cuma berjarak beberapa meter dari rumah warga. Baunya menyengat terutama pagi dan sore, lalat masuk ke rumah sampai ke makanan, anak saya sering diare. Kotorannya juga dibuang ke selokan. Pemiliknya sudah ditegur warga tapi cuma janji. Mohon dinas lingkungan hidup memeriksa.",
        "lingkungan_sampah",
        (),
    ),
    (
        "limbah pabrik tahu dibuang langsung ke kali, airnya jadi putih dan bau busuk, ikan ikan mati. warga di bawahnya yang biasa mandi di kali jadi gatal",
        "lingkungan_sampah",
        (),
    ),
    (
        "Penambangan pasir dan batu di sungai dekat desa kami pakai alat berat siang malam. Tebing sungai longsor, sawah di pinggirnya mulai tergerus, dan truk-truknya bikin debu. Kami tidak tahu apakah tambang itu berizin. Mohon dicek.",
        "lingkungan_sampah",
        (),
    ),
    (
        "Pohon besar di pinggir jalan depan sekolah sudah condong dan dahannya banyak yang kering. Kalau angin kencang ada ranting jatuh. Mohon dipangkas sebelum tumbang menimpa orang.",
        "lingkungan_sampah",
        (),
    ),
    (
        "tps di dekat pasar sampahnya meluber sampai ke jalan, truk sampah datangnya tidak tentu, kadang seminggu sekali. bau dan banyak lalat",
        "lingkungan_sampah",
        (S,),
    ),
    (
        "Bus angkutan pedesaan trayek ke kota sekarang cuma ada pagi, siang sudah tidak ada. Anak sekolah pulang harus jalan kaki atau bayar ojek. Mohon dishub menambah jadwal angkutan.",
        "transportasi",
        (S, W),
    ),
    (
        "truk truk besar pengangkut material lewat jalan kecil di tengah kampung siang malam, kecepatannya tinggi dan muatannya berlebihan. anak anak bahaya. mohon diatur jam lewat dan rambu larangan",
        "transportasi",
        (),
    ),
]

# second part: long narratives for the topics the first part covered thinly, so the batch stays balanced
HANDWRITTEN_LONG += [
    (
        "Assalamualaikum wr wb. Bapak Bupati yang saya hormati, saya warga yang setiap hari lewat jalan dari pertigaan pasar ke arah kecamatan. Jalan itu dulu mulus, tapi sejak dilewati truk pasir dan batu setiap hari, aspalnya pecah-pecah dan lubangnya makin dalam. Kalau hujan lubangnya tertutup air jadi tidak kelihatan. Minggu kemarin tetangga saya yang bonceng anaknya jatuh dan tangannya retak. Kami sudah tambal pakai sirtu hasil iuran warga tapi cepat hancur lagi. Mohon dinas PU segera memperbaiki jalan tersebut dan membatasi tonase truk.",
        "jalan_jembatan",
        (S,),
    ),
    (
        "jalan poros desa kami baru dicor tahun kemarin tapi sudah retak retak dan ada yang ambles di dekat gorong gorong. kelihatannya campurannya kurang semen. warga curiga kualitasnya asal asalan. mohon diperiksa",
        "jalan_jembatan",
        (P,),
    ),
    (
        "Talud di pinggir jalan menuju dusun kami longsor waktu hujan deras minggu lalu, separuh badan jalan ikut runtuh ke sungai. Sekarang cuma bisa dilewati satu motor dan kalau malam sangat berbahaya. Kami sudah pasang bambu sebagai tanda. Mohon segera ditangani sebelum jalannya putus total.",
        "jalan_jembatan",
        (S,),
    ),
    (
        "Pak, di jalan kampung kami ada tiga titik lampu penerangan jalan yang mati sejak musim hujan, katanya kena petir. Jalannya lewat kebun dan kuburan, kalau malam gelap gulita, anak perempuan yang pulang mengaji jadi takut. Sudah lapor ke desa, katanya harus ke dinas. Mohon lampunya diganti.",
        "penerangan_jalan",
        (S,),
    ),
    (
        "lampu pju di jalan baru dekat perumahan belum pernah dipasang padahal tiangnya sudah berdiri setahun. kalau malam gelap, sudah ada yang jatuh ke parit",
        "penerangan_jalan",
        (S,),
    ),
    (
        "Lampu penerangan di jembatan besar dan sepanjang jalan lingkar sering mati nyala, kadang seminggu padam semua. Jalan itu ramai truk malam hari. Mohon perawatan lampu jalan dilakukan rutin.",
        "penerangan_jalan",
        (S,),
    ),
    (
        "Selamat sore pak bupati. Setiap musim hujan rumah-rumah di RT kami kebanjiran setinggi lutut karena sungai kecil di belakang kampung meluap. Sungainya makin dangkal karena endapan lumpur dan sampah, dan di beberapa tempat menyempit karena ada bangunan. Kemarin malam kami tidak tidur mengangkat barang-barang. Mohon sungai dinormalisasi dan tanggulnya ditinggikan.",
        "drainase_banjir",
        (S,),
    ),
    (
        "saluran air di depan rumah kami ditutup plat beton oleh pemilik toko buat parkir, sekarang air hujan tidak bisa masuk dan meluber ke jalan dan rumah. sudah ditegur tapi tidak mau membongkar",
        "drainase_banjir",
        (S,),
    ),
    (
        "Bendung kecil untuk irigasi sawah di desa kami rusak diterjang banjir, pintu airnya hilang. Sudah dua musim sawah di hilir tidak dapat air dan petani hanya bisa tanam palawija. Mohon perbaikan bendung dari dinas pengairan.",
        "drainase_banjir",
        (S,),
    ),
    (
        "Pak, tiap pagi di terminal bus antar kota calon penumpang ditarik-tarik calo dan disuruh naik bus tertentu dengan tarif lebih mahal. Petugas dishub ada tapi diam saja. Ruang tunggu terminalnya juga kotor dan toiletnya rusak. Mohon terminal dibenahi.",
        "transportasi",
        (B, S),
    ),
    (
        "lampu lalu lintas di perempatan dekat sekolah mati sudah seminggu, tiap pagi macet dan semrawut, anak anak nyeberang bahaya. mohon segera diperbaiki dan ada petugas yang mengatur",
        "transportasi",
        (S,),
    ),
    (
        "Uji KIR kendaraan angkutan barang saya di dishub berbelit, harus datang beberapa kali dan ada biaya tambahan yang tidak ada kuitansinya. Mohon pelayanan pengujian kendaraan diperbaiki.",
        "transportasi",
        (R, B),
    ),
    (
        "Selamat pagi. Di dekat desa kami ada tempat pembuangan sampah liar di pinggir jalan kebun. Orang dari mana-mana buang sampah rumah tangga, popok bayi dan bangkai ayam di sana. Kalau musim hujan airnya mengalir ke sawah dan sumur warga. Sering juga dibakar dan asapnya masuk rumah. Mohon pemerintah menyediakan tempat pembuangan resmi dan mengangkut sampah dari desa kami.",
        "lingkungan_sampah",
        (S,),
    ),
    (
        "pabrik di dekat kampung tiap malam buang asap hitam dan debu, genteng dan jemuran warga jadi hitam. banyak anak batuk pilek. tolong dinas lingkungan hidup cek cerobongnya",
        "lingkungan_sampah",
        (),
    ),
    (
        "Penebangan pohon di hutan atas desa kami makin banyak, sekarang kalau hujan air sungai langsung keruh dan mata air mulai kering. Kami khawatir terjadi longsor. Mohon pengawasan penebangan liar dan penghijauan kembali.",
        "lingkungan_sampah",
        (),
    ),
    (
        "Pengangkutan sampah di perumahan kami sudah tiga minggu berhenti, katanya armada truk rusak. Sampah menumpuk di depan rumah, bau dan dikorek kucing. Padahal kami bayar retribusi sampah setiap bulan.",
        "lingkungan_sampah",
        (B, S),
    ),
    (
        "Assalamualaikum. Anak saya lulus SD tahun ini dan mau masuk SMP negeri terdekat. Waktu pendaftaran online, situsnya tidak bisa dibuka dari pagi sampai sore, dan ketika bisa kuotanya sudah penuh. Yang aneh, ada anak dari kecamatan lain yang diterima. Kami orang tua bingung dan kecewa. Mohon proses penerimaan murid baru diawasi.",
        "pendidikan",
        (S, R),
    ),
    (
        "sekolah anak saya minta uang study tour ke luar kota satu juta lebih, katanya wajib, yang tidak ikut tetap bayar. kami keberatan pak, ekonomi lagi susah",
        "pendidikan",
        (B,),
    ),
    (
        "Gedung SD di dusun kami sudah tua, plafon dua kelas jebol dan murid terpaksa belajar bergantian di perpustakaan. Komite sudah mengajukan rehab ke dinas pendidikan tapi belum ada realisasi. Mohon diprioritaskan sebelum ada yang tertimpa.",
        "pendidikan",
        (S,),
    ),
    (
        "Ijazah SMA saya ditahan sekolah swasta karena masih ada tunggakan uang komite. Saya sudah kerja di luar kota dan butuh ijazah untuk melamar pekerjaan tetap. Mohon bantuan dinas supaya ijazah bisa diambil.",
        "pendidikan",
        (B, P),
    ),
    (
        "Saya sudah mengajukan izin usaha toko bangunan lewat OSS dan sudah dapat NIB, tapi waktu mau urus izin lingkungan dan persetujuan bangunan, di dinas disuruh melengkapi dokumen yang tidak disebutkan di awal. Sudah tiga kali revisi. Mohon kepastian waktu dan syarat perizinan.",
        "perizinan",
        (D, W),
    ),
    (
        "ada bangunan gudang besar dibangun di tengah sawah dekat rumah kami, katanya izinnya sedang diurus tapi bangunannya sudah hampir jadi. apa boleh membangun sebelum izin keluar",
        "perizinan",
        (R,),
    ),
    (
        "Pengajuan sertifikat laik fungsi untuk bangunan usaha kami sudah dua bulan belum diproses, petugasnya bilang menunggu tim teknis survei. Kami rugi karena belum bisa beroperasi.",
        "perizinan",
        (W,),
    ),
    (
        "Selamat siang pak bupati. Di kompleks kami air PDAM hanya mengalir dua hari sekali dan tekanannya lemah, rumah yang posisinya lebih tinggi tidak kebagian sama sekali. Kami sudah lapor berkali-kali lewat telepon dan media sosial PDAM, jawabannya sedang ada perbaikan pipa. Sudah sebulan begini. Tagihan tetap jalan dan ada biaya beban. Mohon segera ada solusi.",
        "air_bersih",
        (P, A, B),
    ),
    (
        "pipa pdam bocor di pinggir jalan depan sd sudah dua minggu airnya muncrat terus terbuang. sayang banget airnya padahal rumah warga di atas sering kering",
        "air_bersih",
        (S,),
    ),
    (
        "Saya sudah bayar biaya pasang sambungan baru air minum ke kantor PDAM tiga bulan lalu, tapi sampai sekarang belum dipasang. Setiap ditanya katanya menunggu material.",
        "air_bersih",
        (W, B),
    ),
    (
        "Selamat pagi pak. Saya mau menanyakan akta kelahiran anak saya yang kedua. Berkas sudah diserahkan ke operator desa dua bulan lalu untuk diajukan online, tapi sampai sekarang belum jadi. Waktu saya ke kantor dukcapil sendiri, petugas bilang berkas saya tidak ada di sistem dan harus mengulang dari awal. Anak saya butuh akta untuk masuk TK.",
        "adminduk",
        (W, R),
    ),
    (
        "kk saya hilang waktu banjir, mau cetak ulang katanya harus ada surat kehilangan dari polisi dan pengantar desa. bolak balik tiga kantor cuma buat selembar kertas",
        "adminduk",
        (D, R),
    ),
    (
        "KTP suami saya rusak dan chipnya tidak terbaca di bank. Waktu minta ganti di kecamatan disuruh menunggu karena kuota cetak per hari terbatas.",
        "adminduk",
        (P, W),
    ),
    (
        "Assalamualaikum pak bupati. Bapak saya harus cuci darah dua kali seminggu di rumah sakit daerah. Jadwalnya sering diundur karena mesinnya rusak atau penuh, dan kami harus berangkat jam 4 pagi dari desa naik ojek. Kemarin disuruh beli sendiri obat yang katanya kosong di apotek rumah sakit. Mohon perhatian untuk pasien cuci darah.",
        "kesehatan",
        (S, B),
    ),
    (
        "posyandu lansia di desa kami sudah berbulan bulan tidak ada pemeriksaan, kader bilang alat tensi dan obatnya tidak ada. orang tua jadi harus ke puskesmas yang jauh",
        "kesehatan",
        (S,),
    ),
    (
        "Balita tetangga saya berat badannya terus turun dan kelihatan kurang gizi, tapi petugas gizi puskesmas belum pernah datang. Orang tuanya buruh harian dan tidak paham. Mohon pendampingan dari puskesmas.",
        "kesehatan",
        (P,),
    ),
    (
        "Pelayanan di apotek puskesmas sangat lama, resep sudah diserahkan jam 9 obat baru keluar jam 12. Petugasnya cuma satu dan sambil main HP.",
        "kesehatan",
        (W, H),
    ),
]
