"""GeoReport v2: service discovery, the service list and service definitions (JSON and XML)."""

from __future__ import annotations

from tests.open311.conftest import BASE, parse_xml

SPEC_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}


async def test_discovery_in_json_and_xml(client) -> None:
    response = await client.get(f"{BASE}/discovery.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    data = response.json()
    assert set(data) == {"changeset", "contact", "key_service", "endpoints"}
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert endpoint["type"] in {"production", "test"}

    root = parse_xml(await client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    endpoint_xml = root.find("endpoints/endpoint")
    assert endpoint_xml.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
    assert [f.text for f in endpoint_xml.findall("formats/format")] == ["text/xml", "application/json"]


async def test_service_list_has_complaint_accepting_published_services_and_topics(client, catalogue) -> None:
    data = (await client.get(f"{BASE}/services.json")).json()
    codes = [service["service_code"] for service in data]
    assert "dinas-pupr.izin-bangunan" in codes and "dinas-wita.air-bersih" in codes
    assert "dinas-pupr.rahasia-internal" not in codes  # unpublished
    assert "dinas-pupr.tanpa-pengaduan" not in codes  # does not accept complaints
    assert "dinas-tertutup.layanan-x" not in codes  # unit unpublished
    assert "topik.jalan_jembatan" in codes and "topik.lainnya" in codes
    assert len(codes) == len(set(codes))
    for service in data:
        assert list(service) == SPEC_FIELDS
        assert service["metadata"] is True and service["type"] == "realtime"
    building = next(s for s in data if s["service_code"] == "dinas-pupr.izin-bangunan")
    assert building["service_name"] == "Persetujuan Bangunan Gedung"
    assert building["group"] == "Dinas Pekerjaan Umum"


async def test_service_list_xml_matches_json(client, catalogue) -> None:
    json_codes = [s["service_code"] for s in (await client.get(f"{BASE}/services.json")).json()]
    root = parse_xml(await client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == json_codes
    first = root.find("service")
    assert [child.tag for child in first] == SPEC_FIELDS
    assert first.findtext("metadata") == "true"


async def test_service_definitions_cover_every_datatype(client, catalogue) -> None:
    seen = set()
    for code in ("dinas-pupr.izin-bangunan", "topik.jalan_jembatan"):
        response = await client.get(f"{BASE}/services/{code}.json")
        assert response.status_code == 200
        definition = response.json()
        assert definition["service_code"] == code
        orders = [a["order"] for a in definition["attributes"]]
        assert orders == sorted(orders)
        for attribute in definition["attributes"]:
            assert attribute["variable"] is True
            assert isinstance(attribute["required"], bool)
            assert attribute["datatype"] in DATATYPES
            seen.add(attribute["datatype"])
            if attribute["datatype"].endswith("valuelist"):
                assert attribute["values"] and all(set(v) == {"key", "name"} for v in attribute["values"])
            else:
                assert "values" not in attribute
    assert seen == DATATYPES


async def test_service_definition_xml(client, catalogue) -> None:
    root = parse_xml(await client.get(f"{BASE}/services/topik.jalan_jembatan.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "topik.jalan_jembatan"
    kind = root.find("attributes/attribute")
    assert kind.findtext("code") == "jenis"
    assert kind.findtext("datatype") == "singlevaluelist"
    assert kind.findtext("required") == "true"
    assert kind.findtext("variable") == "true"
    keys = [v.findtext("key") for v in kind.findall("values/value")]
    assert keys == ["pengaduan", "aspirasi", "permintaan_informasi"]


async def test_unknown_service_code_is_404_in_the_requested_format(client, catalogue) -> None:
    response = await client.get(f"{BASE}/services/dinas-pupr.tidak-ada.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "service_code dinas-pupr.tidak-ada not found"}]
    root = parse_xml(await client.get(f"{BASE}/services/dinas-pupr.rahasia-internal.xml"))
    assert root.tag == "errors" and root.findtext("error/code") == "404"


async def test_missing_service_code_is_400(client) -> None:
    response = await client.get(f"{BASE}/services/.json")
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400
