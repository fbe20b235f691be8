"""Administration in headless Chromium: a system admin creates a staff account on a desktop with the
keyboard, the new colleague sets their password through the one-time link on a phone and logs in; the
admin creates an Open311 API key on a phone and sees the secret once. Targets are at least 44 px, the
pages have no serious axe violations and work without JavaScript."""

from __future__ import annotations

import re

import pytest

from tests.browser.support import DESKTOP, PHONE, browser, login, page_in, run_axe

NEW_PASSWORD = "kalimat sandi yang panjang 42"


TARGETS = (
    "main button, main input:not([type=hidden]):not([hidden]), main select, main .admin-links a, main .admin-actions a"
)


def small_targets(page) -> list[str]:
    """Buttons, form controls and action links in <main> smaller than 44 px high."""
    return page.evaluate(
        """s => [...document.querySelectorAll(s)].filter(e => e.offsetParent !== null)
                .filter(e => e.getBoundingClientRect().height < 44).map(e => e.outerHTML.slice(0, 80))""",
        TARGETS,
    )


def wider_than_screen(page) -> list[str]:
    """Elements that stick out to the right of the viewport (tables scroll inside their own box)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(e => !e.closest('.table-scroll'))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""",
    )


def serious_axe(instance, page) -> list[str]:
    """Serious or critical axe violations of the page `page` shows, checked in a context of its own with the
    same cookies (axe is injected as a script: that context allows it and runs JavaScript)."""
    with page_in(instance, "admin-axe", DESKTOP, bypass_csp=True) as scripted:
        scripted.context.add_cookies(page.context.cookies())
        scripted.goto(page.url)
        return [v["id"] for v in run_axe(scripted) if v["impact"] in ("serious", "critical")]


def tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


@pytest.mark.browser
def test_admin_creates_a_user_and_an_api_key_on_desktop_and_phone(live_server) -> None:
    base = live_server.base_url
    admin = live_server.account("system_admin")
    with browser() as instance:
        with page_in(instance, "admin-create-user-desktop", DESKTOP, java_script_enabled=False) as page:
            login(page, base, admin)
            page.goto(f"{base}/staf")
            page.locator("a[href='/staf/admin']").click()
            page.locator("main a[href='/staf/admin/pengguna/baru']").first.click()
            assert serious_axe(instance, page) == []
            assert small_targets(page) == []
            tab_to(page, "#username")
            page.keyboard.type("rina.kurnia")
            tab_to(page, "#full_name")
            page.keyboard.type("Rina Kurnia")
            page.select_option("#role", "unit_officer")
            unit = page.locator("#unit_id option", has_text="Kependudukan").first.get_attribute("value")
            page.select_option("#unit_id", unit)
            tab_to(page, "main form button[type=submit]")
            page.keyboard.press("Enter")
            page.wait_for_load_state()
            link = page.locator("#password-link").input_value()
            assert "/masuk/sandi/" in link, page.content()[:2000]
            path = link[link.index("/masuk/sandi/") :]
            page.goto(f"{base}/staf/admin/pengguna")
            assert page.locator("tr[data-username='rina.kurnia']").count() == 1
            assert path not in page.content()  # shown once: not on the list, not anywhere else

        with page_in(instance, "admin-new-user-phone", PHONE) as page:
            page.goto(base + path)
            assert small_targets(page) == []
            page.fill("#password", NEW_PASSWORD)
            page.fill("#password_confirm", NEW_PASSWORD)
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
            assert "telah disimpan" in page.content()
            login(page, base, {"username": "rina.kurnia", "password": NEW_PASSWORD})
            assert page.url.rstrip("/").endswith("/staf")
            page.goto(base + path)
            assert "tidak valid" in page.content()  # the link worked once

        with page_in(instance, "admin-api-key-phone", PHONE) as page:
            login(page, base, admin)
            page.goto(f"{base}/staf/admin/kunci-api")
            assert serious_axe(instance, page) == []
            page.fill("#name", "aplikasi-kecamatan")
            page.fill("#rate_limit", "120/minute")
            page.locator("main form[action='/staf/admin/kunci-api'] button[type=submit]").click()
            page.wait_for_load_state()
            secret = page.locator("#new-secret").input_value()
            assert secret.startswith("o311_")
            assert wider_than_screen(page) == []  # no sideways scroll
            assert small_targets(page) == []
            page.goto(f"{base}/staf/admin/kunci-api")
            assert page.locator("tr[data-key='aplikasi-kecamatan']").count() == 1
            assert secret not in page.content()
            revoke = page.locator("tr[data-key='aplikasi-kecamatan'] button[type=submit]")
            revoke.click()
            page.wait_for_load_state()
            assert re.search(r"Dicabut", page.locator("tr[data-key='aplikasi-kecamatan']").inner_text())
    print(
        "\nadmin journey: user created with the keyboard (no JavaScript), password set by link on a phone, "
        "API key shown once and revoked on a phone"
    )
