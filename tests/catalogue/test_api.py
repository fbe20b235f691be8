"""The JSON API: pagination, filters, search, 404s, no drafts or internal components, OpenAPI."""

from __future__ import annotations

from tests.catalogue.conftest import add_service


async def test_services_are_paginated_and_hide_drafts(client, catalogue) -> None:
    response = await client.get("/api/v1/services?per_page=2&page=1")
    assert response.status_code == 200
    body = response.json()
    assert (body["page"], body["per_page"], body["total"]) == (1, 2, 3)  # the draft is not counted
    assert [s["name"] for s in body["items"]] == ["Akta kelahiran", "Penerbitan KTP-el"]
    second = (await client.get("/api/v1/services?per_page=2&page=2")).json()
    assert [s["name"] for s in second["items"]] == ["Pemeriksaan laboratorium"]
    assert second["items"][0]["fee_amount"] == 50_000 and second["items"][0]["is_free"] is False
    assert second["items"][0]["effective_from"] == "2025-01-02"
    beyond = (await client.get("/api/v1/services?per_page=2&page=5")).json()
    assert beyond["items"] == [] and beyond["total"] == 3


async def test_services_filter_by_unit_and_search(client, catalogue) -> None:
    by_unit = (await client.get("/api/v1/services?unit=puskesmas-uji")).json()
    assert [s["slug"] for s in by_unit["items"]] == ["pemeriksaan-laboratorium"]
    found = (await client.get("/api/v1/services?q=e-KTP")).json()
    assert found["items"][0]["slug"] == "penerbitan-ktp-el"
    nothing = (await client.get("/api/v1/services?q=zzzz")).json()
    assert nothing == {"items": [], "page": 1, "per_page": 20, "total": 0}


async def test_bad_paging_is_a_400_json_error(client, catalogue) -> None:
    for query in ("page=0", "per_page=1000", "page=abc"):
        response = await client.get(f"/api/v1/services?{query}")
        assert response.status_code == 400, query
        assert response.headers["content-type"].startswith("application/json")


async def test_service_detail_has_public_components_only(client, catalogue) -> None:
    lab = catalogue["services"]["lab"]
    response = await client.get(f"/api/v1/services/{lab}")
    assert response.status_code == 200
    body = response.json()
    assert body["requirements"] == ["Fotokopi Kartu Keluarga", "Surat keterangan lahir dari bidan"]
    assert body["procedure"][0] == "Ambil nomor antrean"
    assert (body["fee_amount"], body["fee_legal_basis"], body["duration_unit"]) == (
        50_000,
        "Perda No. 1 Tahun 2024",
        "working_days",
    )
    assert body["adopted_on"] == "2024-12-01" and body["history"][0]["version_no"] == 1
    assert "DASAR-HUKUM-INTERNAL" not in response.text
    assert not {"legal_basis", "facilities", "competence", "staff_count"} & body.keys()


async def test_unknown_or_draft_service_is_a_json_404(client, catalogue) -> None:
    for service_id in (9999, catalogue["services"]["draft"]):
        response = await client.get(f"/api/v1/services/{service_id}")
        assert response.status_code == 404
        assert response.json()["status_code"] == 404


async def test_units_list_with_channels(client, catalogue) -> None:
    body = (await client.get("/api/v1/units")).json()
    assert body["total"] == 2
    unit = next(u for u in body["items"] if u["slug"] == "dukcapil-uji")
    assert unit["complaint_channels"] == [{"label": "SP4N-LAPOR!", "value": "https://www.lapor.go.id"}]
    assert unit["url"] == "/unit/dukcapil-uji"
    searched = (await client.get("/api/v1/units?q=puskesmas")).json()
    assert [u["slug"] for u in searched["items"]] == ["puskesmas-uji"]


async def test_api_reflects_a_new_service_after_the_cache_is_cleared(client, app, catalogue) -> None:
    from portal.cache import invalidate_public_pages

    assert (await client.get("/api/v1/services")).json()["total"] == 3
    await add_service(catalogue["unit_b"], "Imunisasi dasar")
    await invalidate_public_pages(app)
    from catalogue.search import invalidate

    invalidate(app)
    assert (await client.get("/api/v1/services")).json()["total"] == 4
    assert (await client.get("/api/v1/services?q=imunisasi")).json()["total"] == 1


async def test_openapi_documents_the_catalogue_api(client, catalogue) -> None:
    schema = (await client.get("/schema/openapi.json")).json()
    for path in ("/api/v1/units", "/api/v1/services", "/api/v1/services/{service_id}"):
        assert path in schema["paths"], path
    params = {p["name"] for p in schema["paths"]["/api/v1/services"]["get"]["parameters"]}
    assert {"page", "per_page", "q", "unit"} <= params
    assert not any(p.startswith(("/staf", "/layanan", "/cari")) for p in schema["paths"])


async def test_out_of_range_ids_are_client_errors_not_server_errors(client, catalogue) -> None:
    # An id no row can have names nothing: 404, like an unknown id (issue 14, item 2).
    for path in ("/api/v1/services/99999999999999999999", "/api/v1/services/0"):
        response = await client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"status_code": 404, "detail": "Tidak ditemukan."}
    page = await client.get("/layanan/dukcapil-uji/akta-kelahiran/versi/99999999999999999999")
    assert page.status_code == 404
