"""Absurd integers never reach the database (issue 14, item 2): every integer parameter and field is
bounded to the database's range, and huge, negative or non-numeric values get a 400/404/422 with a
message in the user's language, never a 500.

The routes come from the app's route table, so a new route or parameter is covered without editing
this file; the forms come from the pages themselves (tests/security/forms.py).
"""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

import msgspec
import pytest

from portal.params import DB_INT_MAX
from tests.helpers import csrf_token, html
from tests.security.conftest import as_role
from tests.security.forms import fill_form, post_forms
from tests.security.routes import endpoints, fill
from tests.security.test_input_attacks import distinct_text

HUGE = "99999999999999999999"  # beyond 64 bits
ABSURD = [HUGE, "9223372036854775808", str(DB_INT_MAX + 1), "-1", "0", "-99999999999999999999", "abc", "1.5",
          "²", "١٢"]  # fmt: skip
ROLES = ("anonymous", "unit_admin", "system_admin")


def _is_int(annotation: Any) -> bool:
    if annotation is int:
        return True
    if get_origin(annotation) in (Union, types.UnionType):
        return int in get_args(annotation)
    return False


def _query_params(handler: Any) -> dict[str, Any]:
    return {name: field for name, field in handler.parsed_fn_signature.parameters.items()
            if type(field.kwarg_definition).__name__ == "QueryParameter"}  # fmt: skip


async def test_every_integer_parameter_declares_both_bounds(app) -> None:
    unbounded, checked = [], 0
    for endpoint in endpoints(app):
        for name, field in endpoint.handler.parsed_fn_signature.parameters.items():
            if not _is_int(field.annotation) or field.kwarg_definition is None:
                continue
            checked += 1
            low = field.kwarg_definition.ge if field.kwarg_definition.ge is not None else field.kwarg_definition.gt
            high = field.kwarg_definition.le if field.kwarg_definition.le is not None else field.kwarg_definition.lt
            if low is None or high is None or high > DB_INT_MAX:
                unbounded.append(f"{endpoint}: {name}")
    assert checked >= 30, checked
    assert not unbounded, f"integer parameters without database bounds (use portal.params): {unbounded}"


def _int_fields(struct: type, where: str = "") -> list[tuple[str, msgspec.inspect.IntType]]:
    found = []
    for field in msgspec.inspect.type_info(struct).fields:
        kinds = field.type.types if isinstance(field.type, msgspec.inspect.UnionType) else (field.type,)
        for kind in kinds:
            if isinstance(kind, msgspec.inspect.IntType):
                found.append((f"{where}{field.name}", kind))
            elif isinstance(kind, msgspec.inspect.StructType):
                found += _int_fields(kind.cls, f"{where}{field.name}.")
            elif isinstance(kind, msgspec.inspect.ListType) and isinstance(kind.item_type, msgspec.inspect.StructType):
                found += _int_fields(kind.item_type.cls, f"{where}{field.name}[].")
    return found


async def test_every_integer_json_field_declares_both_bounds(app) -> None:
    bodies = [e.handler.parsed_fn_signature.parameters["data"].annotation for e in endpoints(app)
              if "data" in e.handler.parsed_fn_signature.parameters]  # fmt: skip
    assert bodies, "no JSON body in the app"
    unbounded = [f"{body.__name__}.{name}" for body in bodies for name, kind in _int_fields(body)
                 if kind.ge is None or kind.le is None or kind.le > DB_INT_MAX]  # fmt: skip
    assert not unbounded, f"integer JSON fields without database bounds (use portal.params.JsonId): {unbounded}"


async def _file_complaint(client) -> str:
    title, description = distinct_text(14)
    response = await client.post("/api/v1/complaints", json={"title": title, "description": description})
    assert response.status_code == 201, response.text
    return response.json()["tracking_code"]


@pytest.mark.slow
async def test_absurd_path_and_query_integers_are_4xx_on_every_route(client, app, world) -> None:
    from complaints.tables import Complaint

    code = await _file_complaint(client)
    complaint_id = (await Complaint.select(Complaint.id).first())["id"]
    values = {**world.values, "code": code, "complaint_id": complaint_id, "year": 2026, "period": "2026"}
    failures, requests = [], 0
    for role in ROLES:
        await as_role(client, world, role)
        token = await csrf_token(client)
        for endpoint in endpoints(app):
            if endpoint.path.startswith(("/static", "/schema")) or endpoint.method in {"DELETE", "PUT", "PATCH"}:
                continue
            send = {"data": {"_csrf_token": token}} if endpoint.method == "POST" else {}
            int_paths = [name for name, kind in endpoint.params.items() if kind is int]
            cases = [(fill(endpoint, {**values, name: bad}), {}) for name in int_paths for bad in ABSURD]
            base = fill(endpoint, values)
            cases += [(base, {name: bad}) for name in _query_params(endpoint.handler) for bad in ABSURD]
            for url, params in cases:
                response = await client.request(endpoint.method, url, params=params, **send)
                requests += 1
                if response.status_code >= 500:
                    failures.append(f"{role} {endpoint.method} {url} {params} -> {response.status_code}")
    assert not failures, "\n".join(failures[:40])
    assert requests > 500, requests


@pytest.mark.slow
async def test_absurd_integers_in_every_form_are_field_errors(client, app, world) -> None:
    """Every POST form on the pages each role can open, filled validly, with one number, choice or
    hidden field at a time made absurd (so the rest of the form passes and the value reaches the code)."""
    from complaints.services.intake import HONEYPOT_FIELD
    from complaints.tables import Complaint
    from surveys.responses import HONEYPOT_FIELD as SURVEY_HONEYPOT

    await _file_complaint(client)
    complaint_id = (await Complaint.select(Complaint.id).first())["id"]
    values = {**world.values, "complaint_id": complaint_id}
    failures, posts = [], 0
    for role in ROLES:
        await as_role(client, world, role)
        pages = sorted({fill(e, values) for e in endpoints(app) if e.method == "GET" and not e.is_api
                        and not e.path.startswith(("/static", "/schema", "/health"))})  # fmt: skip
        for page_url in pages:
            page = await client.get(page_url)
            if page.status_code != 200 or not page.headers.get("content-type", "").startswith("text/html"):
                continue
            for form in post_forms(page.text):
                fields, _files = fill_form(form, "Teks uji yang cukup panjang untuk setiap kolom")
                fields = [(k, "" if k in (HONEYPOT_FIELD, SURVEY_HONEYPOT) else v) for k, v in fields]
                numeric = {
                    el.get("name")
                    for el in form.find_all(["input", "select"])
                    if el.name == "select" or (el.get("type") or "").lower() in {"number", "hidden"}
                }
                numeric -= {"_csrf_token", None}
                action = form.get("action") or page_url
                for name in sorted(numeric):
                    for bad in (HUGE, "-" + HUGE):
                        data: dict[str, Any] = {}
                        for key, value in fields:
                            value = bad if key == name else value
                            data[key] = (
                                [*data[key], value]
                                if isinstance(data.get(key), list)
                                else ([data[key], value] if key in data else value)
                            )
                        response = await client.post(action, data=data)
                        posts += 1
                        if response.status_code >= 500:
                            failures.append(f"{role} {page_url} -> POST {action} {name}={bad[:6]}… -> 500")
    assert not failures, "\n".join(failures)
    assert posts >= 40, posts


REPORTED = [
    (f"/pengaduan?unit_id={HUGE}00", 400),
    (f"/pengaduan?page={HUGE}00", 400),
    ("/pengaduan?unit_id=-5", 400),
    ("/pengaduan?unit_id=", 200),  # the form's "all units" choice
    (f"/pengaduan/baru/layanan?unit_id={HUGE}", 400),
    (f"/survei/bukti/{HUGE}", 404),
    ("/survei/bukti/0", 404),
    (f"/survei/hasil/dinas-a?periode={HUGE}", 400),
    (f"/survei/hasil/dinas-a/grafik/unsur-{HUGE}.svg", 404),
    (f"/survei/hasil/dinas-a/{HUGE}.csv", 404),
    (f"/layanan/dinas-a/x/versi/{HUGE}", 404),
]


async def test_the_reported_urls_answer_4xx_in_the_users_language(client, world) -> None:
    for url, status in REPORTED:
        response = await client.get(url)
        assert response.status_code == status, (url, response.status_code)
        if status != 400:
            continue
        page = html(response)
        assert "Permintaan tidak valid" in page.text and "Data yang dikirim tidak valid." in page.text, url
        item = page.select_one(".error-fields li")
        assert item is not None and item.code.text in url, url
        english = await client.get(url + "&lang=en")
        client.cookies.clear()  # ?lang= is remembered in a cookie
        assert "The submitted data is not valid." in english.text and "Bad request" in english.text, url


async def test_staff_inbox_filters_refuse_absurd_ids(client, world) -> None:
    await as_role(client, world, "system_admin")
    response = await client.get("/staf/pengaduan", params={"unit_id": HUGE, "service_id": HUGE})
    assert response.status_code == 400
    fields = {li.code.text: li.text for li in html(response).select(".error-fields li")}
    assert fields and set(fields) <= {"unit_id", "service_id"}, fields
    assert all("Harus bilangan bulat dari 1 sampai 2147483647." in text for text in fields.values()), fields
    assert (await client.get("/staf/pengaduan", params={"unit_id": "", "service_id": ""})).status_code == 200
    assert (await client.get(f"/staf/pengaduan/{HUGE}")).status_code == 404


async def test_api_integer_fields_out_of_range_are_422_naming_the_field(client) -> None:
    from complaints.tables import Complaint

    title, description = distinct_text(7)
    for field in ("unit_id", "service_id", "fee_paid", "duration_days"):
        for value in (int(HUGE), -1, 2**63, DB_INT_MAX + 1):
            body = {"title": title, "description": description, field: value}
            response = await client.post("/api/v1/complaints", json=body)
            assert response.status_code == 422, response.text
            answer = response.json()
            assert answer["status_code"] == 422 and answer["detail"] == "Data yang dikirim tidak valid."
            assert list(answer["extra"]) == [field]
            assert answer["extra"][field].startswith(("Paling besar", "Paling kecil")), answer
            english = await client.post("/api/v1/complaints?lang=en", json=body)
            client.cookies.clear()  # ?lang= is remembered in a cookie
            assert english.json()["extra"][field].startswith(("At most", "At least")), english.text
    assert await Complaint.count() == 0


async def test_form_validator_bounds_every_integer_to_the_database_range() -> None:
    from portal.forms import FormValidator

    form = FormValidator({"a": HUGE, "b": "-" + HUGE, "c": "2147483647", "d": "²", "e": "1" * 5000, "f": "10"})
    assert form.integer("a", minimum=1) is None and form.errors["a"] == "Paling besar 2147483647."
    assert form.integer("b") is None and form.errors["b"] == "Paling kecil -2147483648."
    assert form.integer("c") == DB_INT_MAX
    assert form.integer("d") is None and form.errors["d"] == "Harus berupa bilangan bulat."
    assert form.integer("e") is None and form.errors["e"] == "Paling besar 2147483647."
    assert form.integer("f", maximum=5) is None and form.errors["f"] == "Paling besar 5."
