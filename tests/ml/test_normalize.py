import pytest

from ml.normalize import STOPWORDS, content_tokens, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jalan RUSAK Parah", "jalan rusak parah"),
        ("udh gak tdk bgt blm", "sudah tidak tidak sangat belum"),
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
