import pytest

from ml.normalize import STOPWORDS, content_tokens, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jalan RUSAK Parah", "jalan rusak parah"),
        ("udh gak tdk bgt blm", "sudah tidak tidak sangat belum"),
        ("balita belum dapat MBG", "balita belum dapat mbg"),
        ("parahhhh bangettt", "parah sangat"),
        ("rusak sudah bertahun2", "rusak sudah bertahun bertahun"),
        ("jalan rusak-rusak", "jalan rusak rusak"),
        ("dalane rusak, nyong njaluk tulung", "jalannya rusak saya minta tolong"),
        ("wis rong taun uwuh neng kalen, dalane peteng", "sudah dua tahun sampah di selokan jalannya gelap"),
        ("ktp-el saya, e-KTP istri", "ktp saya ktp istri"),
    ],
)
def test_normalize_rules(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_masks_urls_emails_phones_numbers_and_money() -> None:
    text = "lihat https://lapor.go.id/x atau www.contoh.com, email a.b@mail.com, wa 0812-3456-7890"
    out = normalize(text)
    assert out.count("urltoken") == 2
    assert "emailtoken" in out and "teleponnomor" in out
    assert not any(ch.isdigit() for ch in out)
    assert normalize("rekening 3303123456780001 diminta Rp 50.000 dan 3 bulan") == (
        "rekening nomorpanjang diminta nominaluang dan angka bulan"
    )


def test_domain_abbreviations_are_protected_from_the_slang_lexicon() -> None:
    # the general lexicon maps kk -> kakak, smp -> sampai, sma -> sama, pu -> punya, km -> kamu
    assert normalize("KK hilang, anak SMP dan SMA, dinas PU, 2 km") == ("kk hilang anak smp dan sma dinas pu angka km")
    assert normalize("terima kasih") == "terima kasih"


def test_empty_and_punctuation_only() -> None:
    assert normalize("") == ""
    assert normalize("!!! ???") == ""


def test_stopwords_keep_complaint_words() -> None:
    for word in ("lama", "lambat", "mahal", "belum", "tidak", "rusak", "bayar", "biaya", "jalan", "minta"):
        assert word not in STOPWORDS
    for word in ("yang", "dan", "di", "adalah"):
        assert word in STOPWORDS
    assert content_tokens(normalize("pelayanan yang lama dan mahal")) == ["pelayanan", "lama", "mahal"]


def test_optional_stemming() -> None:
    assert normalize("perbaikan jalan", stem=True) == "baik jalan"
    assert normalize("KK dan PDAM", stem=True) == "kk dan pdam"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # "izin" as courtesy is not a permit ...
        ("Mohon izin melaporkan, jalan bodol", "permisi melaporkan jalan rusak"),
        ("Siap izin, selamat sore kak", "permisi selamat sore kak"),
        ("ijin bertanya pak", "permisi bertanya bapak"),
        ("Mohon izin dan ditindaklanjuti", "permisi ditindaklanjuti"),
        # ... but a permit stays a permit
        ("izin usaha saya belum keluar", "izin usaha saya belum keluar"),
        ("mohon ijin keramaian dipercepat", "mohon izin keramaian dipercepat"),
        # "jalan keluar" is a way out of a problem, unless it is the road in and out
        ("semoga ada jalan keluarnya", "semoga ada solusi"),
        ("jalan keluar masuk truk rusak", "jalan keluar masuk truk rusak"),
    ],
)
def test_courtesy_and_idiom_phrases_do_not_read_as_topic_words(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_traffic_lights_power_cuts_and_courtesy_help_are_rewritten() -> None:
    # a traffic light is not street lighting, "mati lampu" is a power cut, "mohon bantuannya" is courtesy
    assert normalize("pengamen di lampu merah depan pasar") == "pengamen di lampumerah depan pasar"
    assert normalize("traffic light mati") == "lampumerah mati"
    assert normalize("mati lampu terus dari pagi") == "listrik padam terus dari pagi"
    assert normalize("lampu jalan mati") == "lampu jalan mati"
    assert normalize("Tolong bantuannya pak, selokan mampet") == "mohon tolong bapak selokan mampet"
    assert normalize("mohon bantuan untuk korban banjir") == "mohon bantuan untuk korban banjir"


def test_form_style_identification_blocks_do_not_reach_the_topic_features() -> None:
    form = (
        "Nama: Budi Santoso\nNIK: 3302123456789012\nAlamat: Desa Karangsari RT 02 RW 03\n"
        "Pekerjaan: Guru honorer\nIsi aduan: lampu PJU di perempatan mati sebulan"
    )
    out = normalize(form)
    assert "lampu pju" in out and "mati" in out
    for word in ("nik", "nomorpanjang", "budi", "guru", "karangsari"):
        assert word not in out.split()
    one_line = "Nama : Siti, NIK : 3302123456789012, Pekerjaan : petani, Laporan : sampah menumpuk di sungai"
    assert normalize(one_line) == "laporan sampah menumpuk di sungai"
    # an inline NIK goes with its label; the KTP the complaint is about stays
    assert normalize("NIK 3302123456789012 saya belum dapat PKH") == "saya belum dapat pkh"
    assert "ktp" in normalize("ktp saya belum jadi, nik sudah terdaftar")


def test_a_name_label_followed_by_the_complaint_keeps_the_complaint() -> None:
    assert normalize("Nama: Budi saya mau lapor jalan rusak parah").endswith("jalan rusak parah")


def test_courtesy_formulas_do_not_read_as_topics() -> None:
    out = normalize("Jalan rusak parah. Terima kasih atas bantuannya dan kerjasamanya, semoga pelayanan makin baik")
    assert out == "jalan rusak parah terima kasih semoga semakin baik"
    assert normalize("mohon dibantu pak, saluran mampet") == "mohon tolong bapak saluran mampet"
    # aid itself stays aid
    assert "bantuan" in normalize("bantuan beras belum diterima")
