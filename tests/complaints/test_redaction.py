"""Personal data is masked in published text; amounts, dates and addresses are not."""

import pytest

from complaints.redaction import ADDRESS_MARK, EMAIL_MARK, NAME_MARK, NIK_MARK, PHONE_MARK, redact


@pytest.mark.parametrize(
    "nik",
    [
        "3302123456780001",
        "3302 1234 5678 0001",
        "3302.1234.5678.0001",
        "3302-1234-5678-0001",
        "330212 345678 0001",
        "33.02.12.345678.0001",
    ],
)
def test_nik_in_any_common_writing_is_masked(nik: str) -> None:
    assert redact(f"NIK saya {nik}, mohon dibantu.") == f"NIK saya {NIK_MARK}, mohon dibantu."


@pytest.mark.parametrize(
    "phone",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 789",
        "+62 812 3456 7890",
        "+6281234567890",
        "62812-3456-7890",
        "(0281) 641234",
        "0281-641234",
        "021 7654321",
        "+62 21 7654321",
    ],
)
def test_phone_numbers_are_masked(phone: str) -> None:
    assert redact(f"Hubungi {phone} ya.") == f"Hubungi {PHONE_MARK} ya."


def test_email_is_masked() -> None:
    text = "Kirim ke budi.santoso+lapor@mail.example.co.id atau ADMIN@desa.id."
    assert redact(text) == f"Kirim ke {EMAIL_MARK} atau {EMAIL_MARK}."


@pytest.mark.parametrize(
    "text",
    [
        "Saya dipungut Rp 1.500.000 padahal gratis.",
        "Biaya Rp1.250.000,00 dan Rp 50.000.",
        "Tanggal 18-01-2024 jam 08.30, lalu 05/02/2024.",
        "Alamat di Desa Karangsari, Kecamatan Kroya, dekat Jalan Raya.",
        "Nomor antrean 0123, loket 2, tahun 2024.",
        "Sertifikat nomor 12.03.04.05.1.00123 belum selesai.",
        "Laporan 7282582 dari 2024 sampai 2025.",
        "Jalan rusak sepanjang 1.200 meter sejak 2019.",
    ],
)
def test_amounts_dates_and_addresses_are_left_alone(text: str) -> None:
    assert redact(text) == text


def test_home_address_is_masked_but_the_village_stays() -> None:
    # Masking rules of issue 13: RT/RW and house numbers identify a home; the desa is coarse enough.
    assert redact("Alamat RT 003 RW 005 No. 12, Desa Karangsari.") == f"Alamat {ADDRESS_MARK}, Desa Karangsari."


def test_given_names_case_insensitive_whole_words() -> None:
    text = "Saya SITI AMINAH, warga desa. Siti sudah menunggu. Pak Budi tidak datang. Situs rusak."
    result = redact(text, ["Siti Aminah"])
    assert result == (f"Saya {NAME_MARK}, warga desa. {NAME_MARK} sudah menunggu. Pak Budi tidak datang. Situs rusak.")


def test_titles_and_short_parts_are_not_masked_alone() -> None:
    result = redact("Ibu datang bersama Hj. Ani binti Umar.", ["Hj. Ani binti Umar"])
    assert result == f"Ibu datang bersama {NAME_MARK}."
    assert redact("bin laden binti", ["Umar bin Said"]) == "bin laden binti"


def test_everything_together_and_empty_input() -> None:
    text = "Nama: Joko Widodo, NIK 3302123456780001, HP 0812-3456-7890, email joko@contoh.id."
    assert redact(text, ["Joko Widodo"]) == (f"Nama: {NAME_MARK}, NIK {NIK_MARK}, HP {PHONE_MARK}, email {EMAIL_MARK}.")
    assert redact("") == ""
    assert redact("Tidak ada data pribadi.", ["", "  "]) == "Tidak ada data pribadi."
