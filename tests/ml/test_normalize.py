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
    assert normalize("NIK 3303123456780001 diminta Rp 50.000 dan 3 bulan") == (
        "nik nomorpanjang diminta nominaluang dan angka bulan"
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
