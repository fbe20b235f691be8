"""SP4N-LAPOR! export workbooks written by the tests (both header styles), never copied from real data."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook

TITLE = [
    "Tracking ID", "Tanggal Laporan Masuk", "Waktu Laporan Masuk", "Klasifikasi Laporan", "ID Kategori", "Kategori",
    "Judul Laporan", "Isi Laporan Awal", "Isi Laporan Akhir", "Tipe Laporan (Anonim/Rahasia)", "Sumber Laporan",
    "Instansi Induk", "ID Instansi Terdisposisi", "Instansi Terdisposisi", "Status Laporan", "Alasan Tunda/Arsip",
    "Provinsi", "Kota/Kabupaten", "Kecamatan", "Kelurahan",
]  # fmt: skip
SNAKE = [
    "tracking_id", "tanggal_masuk", "waktu_masuk", "klasifikasi", "id_kategori", "kategori", "judul",
    "isi_laporan_awal", "isi_laporan_akhir", "sumber_laporan", "instansi_induk", "dinas_tujuan", "status",
    "alasan_tunda", "provinsi", "kota_kabupaten", "status_final", "kecamatan_final",
]  # fmt: skip


def title_row(
    tid: str,
    status: str,
    *,
    unit: str = "Dinas Perhubungan Kabupaten Sukamaju",
    day: Any = "18 Jan 2024",
    clock: Any = "01:33:26",
    parent: str = "Pemerintah Kabupaten Sukamaju",
    reason: str = "",
) -> dict:
    return {
        "Tracking ID": tid, "Tanggal Laporan Masuk": day, "Waktu Laporan Masuk": clock,
        "Klasifikasi Laporan": "Pengaduan Tidak Berkadar Pengawasan", "ID Kategori": "1012",
        "Kategori": "Jalan Berlubang", "Judul Laporan": f"Laporan {tid}", "Isi Laporan Awal": "Isi awal",
        "Isi Laporan Akhir": "Jalan berlubang di desa.",
        "Tipe Laporan (Anonim/Rahasia)": "", "Sumber Laporan": "Website", "Instansi Induk": parent,
        "ID Instansi Terdisposisi": "55", "Instansi Terdisposisi": unit, "Status Laporan": status,
        "Alasan Tunda/Arsip": reason, "Provinsi": "Jawa Barat", "Kota/Kabupaten": "Sukamaju", "Kecamatan": "CIPARAY",
        "Kelurahan": "",
    }  # fmt: skip


def snake_row(
    tid: str,
    status_final: str,
    *,
    status: str = "",
    unit: str = "Dinas Perhubungan Kab. Sukamaju",
    day: Any = "2024-01-18",
    clock: Any = "01:33:26",
    parent: str = "Pemerintah Kab. Sukamaju",
    reason: str = "",
) -> dict:
    return {
        "tracking_id": tid, "tanggal_masuk": day, "waktu_masuk": clock, "klasifikasi": "Pengaduan Berkadar Pengawasan",
        "id_kategori": "1012", "kategori": "Jalan Berlubang", "judul": f"Laporan {tid}", "isi_laporan_awal": "Isi awal",
        "isi_laporan_akhir": "Jalan berlubang di desa.", "sumber_laporan": "Android", "instansi_induk": parent,
        "dinas_tujuan": unit, "status": status, "alasan_tunda": reason, "provinsi": "Jawa Barat",
        "kota_kabupaten": "Kab. Sukamaju", "status_final": status_final, "kecamatan_final": "CIPARAY",
    }  # fmt: skip


def book(rows: list[dict], *, snake: bool = False, created: datetime | None = None, sheet: str | None = None) -> bytes:
    """An .xlsx export; `created` is the workbook's own creation time (core properties, naive UTC)."""
    headers = SNAKE if snake else TITLE
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet or ("Sheet1" if snake else "Laporan Ringkas")
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h, "") for h in headers])
    if created is not None:
        workbook.properties.created = created.replace(tzinfo=None)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
