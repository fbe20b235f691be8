"""Search matching without a database: folding, synonyms, prefixes, typos, ranking; and the HTTP pages."""

from __future__ import annotations

import pytest

from catalogue.search import WEIGHTS, Document, SearchIndex, document_text
from portal.fulltext.analysis import WHOLE_WORD_BELOW, analyse, group_in, one_edit
from tests.helpers import html


def doc(key: int, title: str, unit: str = "Dinas", summary: str = "", body: str = "") -> Document:
    return Document(
        kind="service",
        key=key,
        title=title,
        url=f"/x/{key}",
        data={},
        fields={
            "title": document_text(title),
            "unit": document_text(unit),
            "summary": document_text(summary),
            "body": document_text(body),
        },
    )


INDEX = SearchIndex(
    [
        doc(1, "Penerbitan KTP-el baru", "Disdukcapil", body="Fotokopi Kartu Keluarga"),
        doc(2, "Penerbitan Kartu Keluarga (KK)", "Disdukcapil"),
        doc(3, "Penerbitan akta kelahiran", "Disdukcapil", summary="Gratis"),
        doc(4, "Persetujuan Bangunan Gedung", "Dinas PUPR", summary="Dahulu IMB"),
        doc(5, "Pelayanan rawat jalan", "Puskesmas Sukamaju"),
        doc(6, "Sertifikat laik higiene", "Dinas Kesehatan", body="Hasil pemeriksaan dapur oleh puskesmas"),
    ]
)


def titles(query: str) -> list[str]:
    return [hit.title for hit in INDEX.search(query)]


@pytest.mark.parametrize("query", ["ktp", "KTP-el", "e-KTP", "ektp", "Kartu Tanda Penduduk", "ktp elektronik"])
def test_every_name_of_the_identity_card_finds_it(query: str) -> None:
    assert titles(query)[0] == "Penerbitan KTP-el baru"


def test_abbreviations_and_old_names() -> None:
    assert titles("kk")[0] == "Penerbitan Kartu Keluarga (KK)"
    assert titles("akte kelahiran") == ["Penerbitan akta kelahiran"]
    assert titles("IMB") == ["Persetujuan Bangunan Gedung"]
    assert titles("pbg") == ["Persetujuan Bangunan Gedung"]


def test_a_title_match_outranks_a_mention_in_the_requirements() -> None:
    # A mere mention in another service's requirements is noise beside a service named so: left out.
    assert titles("kartu keluarga") == ["Penerbitan Kartu Keluarga (KK)"]
    assert titles("fotokopi") == ["Penerbitan KTP-el baru"]  # ... but found when nothing else matches
    assert titles("puskesmas")[0] == "Pelayanan rawat jalan"


def test_prefix_typo_case_and_diacritics() -> None:
    assert titles("kelahrian") == ["Penerbitan akta kelahiran"]  # swapped letters
    assert titles("PERSETUJUAN") == ["Persetujuan Bangunan Gedung"]
    assert titles("higiéne") == ["Sertifikat laik higiene"]
    assert titles("bangun") == ["Persetujuan Bangunan Gedung"]  # prefix


def test_all_words_must_match_and_filler_words_are_ignored() -> None:
    assert titles("cara mengurus akta") == ["Penerbitan akta kelahiran"]
    assert titles("akta bangunan") == []
    assert titles("") == [] and titles("dan di ke") == []
    assert titles("xq") == []


def test_a_long_query_may_miss_one_word_but_not_two() -> None:
    assert titles("akta kelahiran bayi") == ["Penerbitan akta kelahiran"]
    assert titles("akta kelahiran bayi kembar") == []


def reference_scores(query: str) -> dict[int, float]:
    """The ranking rule read literally, document by document (what the index's bit masks must reproduce)."""
    parsed = analyse(query)
    allowed = 1 if len(parsed.groups) >= 3 else 0
    scores = {}
    for document in INDEX.documents:
        total, matched_groups = 0.0, 0
        for group in parsed.groups:
            best = 0.0
            for name, weight in WEIGHTS.items():
                text = document.fields[name]
                if not group_in(group, text):
                    continue
                padded = f" {text} "
                whole = f" {group.word} " in padded
                typed = whole if len(group.word) < WHOLE_WORD_BELOW else group.word in text
                best = max(best, weight * (1.0 if whole else 0.9 if typed else 0.8))
            matched_groups += best > 0
            total += best
        if parsed.groups and matched_groups >= len(parsed.groups) - allowed:
            scores[document.key] = total
    return scores


@pytest.mark.parametrize(
    "query",
    ["ktp", "kartu keluarga", "akta kelahiran", "akta kelahiran bayi", "penerbitan kartu disdukcapil",
     "pelayanan puskesmas dinas", "bangunan gedung imb pupr", "dinas", "kk ktp akta", "bangun", "kesehat", "xq"],
)  # fmt: skip
def test_the_index_ranks_exactly_by_the_rule(query: str) -> None:
    parsed = analyse(query)
    found = {INDEX.documents[index].key: score for index, score in INDEX._scores(parsed).items() if score > 0}
    assert found == pytest.approx(reference_scores(query))


def test_helpers() -> None:
    assert [g.word for g in analyse("Akte   kelahiran anak!").groups] == ["akte", "kelahiran", "anak"]
    assert "akta" in analyse("Akte").groups[0].alternatives
    assert one_edit("puskesmas", "puskesmsa") and one_edit("kartu", "karttu")
    assert not one_edit("kartu", "kertas")


async def test_search_page_works_as_plain_form_and_as_htmx_fragment(client, catalogue) -> None:
    full = await client.get("/cari?q=akte")
    page = html(full)
    assert page.h1 is not None and page.select_one("input#q")["value"] == "akte"
    # The fixture's other services mention "akta kelahiran" only as their product: ranked after.
    assert next(a.text for a in page.select("#search-results a strong")) == "Akta kelahiran"
    fragment = await client.get("/cari?q=akte", headers={"hx-request": "true"})
    assert fragment.headers["vary"] == "HX-Request"
    part = html(fragment)
    assert part.h1 is None and part.html is None
    assert next(a.text for a in part.select("a strong")) == "Akta kelahiran"
    assert "Gratis" in part.text
    empty = html(await client.get("/cari?q=tidakada"))
    assert "Tidak ada layanan yang cocok" in empty.text


async def test_search_does_not_find_drafts_and_finds_units(client, catalogue) -> None:
    drafts = html(await client.get("/cari?q=rahasia"))
    assert drafts.select("#search-results a") == [] and "Tidak ada layanan yang cocok" in drafts.text
    page = html(await client.get("/cari?q=puskesmas"))
    hrefs = [a["href"] for a in page.select("#search-results a")]
    assert "/unit/puskesmas-uji" in hrefs
