"""Generic HTML form filling: find every POST form on a page and submit it with a value in every text field."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup

TEXT_TYPES = {"text", "search", "textarea", "tel", "url", ""}


def post_forms(page_html: str) -> list[Any]:
    soup = BeautifulSoup(page_html, "html.parser")
    # Logging out or deactivating an account would end the sessions the proofs go on to use.
    return [f for f in soup.find_all("form") if (f.get("method") or "get").lower() == "post"
            and f.get("action") != "/keluar" and not (f.get("action") or "").endswith("/nonaktifkan")]  # fmt: skip


def fill_form(form: Any, text: str) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """(fields, files): text inputs and textareas get `text`; the rest keep a valid default."""
    fields: list[tuple[str, str]] = []
    files: dict[str, Any] = {}
    chosen: set[str] = set()
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name:
            continue
        kind = "textarea" if element.name == "textarea" else (element.get("type") or "").lower()
        if element.name == "select":
            options = [o.get("value", o.text) for o in element.find_all("option") if o.get("value", o.text)]
            if options:
                fields.append((name, options[-1]))
        elif kind in TEXT_TYPES:
            fields.append((name, text))
        elif kind == "hidden":
            fields.append((name, element.get("value", "")))
        elif kind in {"checkbox", "radio"}:
            if name not in chosen:
                chosen.add(name)
                fields.append((name, element.get("value", "on")))
        elif kind == "email":
            fields.append((name, "warga@contoh.id"))
        elif kind == "number":
            fields.append((name, element.get("min") or "1"))
        elif kind == "date":
            fields.append((name, "2026-11-02"))
        elif kind == "file":
            files[name] = ("catatan.txt", text.encode(), "text/plain")
    return fields, files


async def submit(client: Any, page_url: str, form: Any, text: str) -> Any:
    fields, files = fill_form(form, text)
    action = urljoin(page_url, form.get("action") or page_url)
    data: dict[str, Any] = {}
    for key, value in fields:
        if key in data:
            data[key] = [*data[key], value] if isinstance(data[key], list) else [data[key], value]
        else:
            data[key] = value
    if files or (form.get("enctype") or "").startswith("multipart"):
        return await client.post(action, data=data, files=files or {"_": ("", b"", "application/octet-stream")})
    return await client.post(action, data=data)
