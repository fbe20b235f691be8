"""axe-core (vendored from the npm package, injected by the test; no CDN) on every public page.

Pages are found by crawling from the home page and a few entry points; one page per route template is
checked (a unit page stands for all unit pages). Phone and desktop widths are both checked.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urlparse

import pytest

from tests.browser.support import ARTIFACTS, DESKTOP, PHONE, browser, page_in, run_axe, same_site_links

ENTRY_POINTS = ["/", "/cari?q=akta", "/pengaduan/baru", "/pengaduan/lacak", "/pengaduan", "/survei", "/survei/isi",
                "/survei/terima-kasih", "/masuk",
                "/halaman-yang-tidak-ada"]  # fmt: skip
SKIP = re.compile(r"^/(staf|static|schema|api|open311|health|keluar)(/|$)|\.(svg|csv|pdf|xlsx|json|xml|png)$")
BLOCKING = {"serious", "critical"}
MAX_PAGES = 40


def route_templates() -> list[tuple[re.Pattern[str], str]]:
    from portal.app import create_app
    from tests.security.routes import endpoints

    patterns = []
    for endpoint in endpoints(create_app()):
        if endpoint.method == "GET":
            regex = re.sub(r"\{[^}:]+:path\}", ".+", endpoint.path)
            regex = re.sub(r"\{[^}]+\}", "[^/]+", regex)
            patterns.append((re.compile(f"^{regex}$"), endpoint.path))
    return sorted(patterns, key=lambda p: -len(p[1]))  # most specific first


def template_of(path: str, templates: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, template in templates:
        if pattern.match(path):
            return template
    return path  # unknown (a 404 page)


@pytest.mark.browser
def test_public_pages_have_no_serious_or_critical_axe_violations(live_server) -> None:
    base = live_server.base_url
    templates = route_templates()
    queue = [base + p for p in ENTRY_POINTS]
    seen_templates: dict[str, str] = {}
    report: list[dict] = []
    with browser() as instance:
        for viewport_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            with page_in(instance, f"axe-{viewport_name}", viewport, bypass_csp=True) as page:
                todo = list(queue) if viewport_name == "desktop" else list(seen_templates.values())
                visited: set[str] = set()
                while todo and len(visited) < MAX_PAGES:
                    url = todo.pop(0)
                    path = urlparse(url).path
                    template = template_of(path, templates)
                    if SKIP.search(path) or (viewport_name == "desktop" and template in seen_templates):
                        continue
                    if url in visited:
                        continue
                    visited.add(url)
                    response = page.goto(url)
                    if response is None or not response.headers.get("content-type", "").startswith("text/html"):
                        continue
                    if viewport_name == "desktop":
                        seen_templates[template] = url
                        todo.extend(same_site_links(page, base))
                    violations = run_axe(page)
                    report.append({"viewport": viewport_name, "url": url.removeprefix(base),
                                   "status": response.status,
                                   "violations": [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                                                   "nodes": [n["target"] for n in v["nodes"]][:5]}
                                                  for v in violations]})  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    impacts = Counter(v["impact"] for page in report for v in page["violations"])
    blocking = [f"{p['viewport']} {p['url']}: {v['id']} ({v['impact']}) {v['nodes']}"
                for p in report for v in p["violations"] if v["impact"] in BLOCKING]  # fmt: skip
    public_templates = {t for _, t in templates if not SKIP.search(t)}
    unreached = sorted(public_templates - set(seen_templates))
    print(
        f"\naxe: {len(report)} page checks ({len(seen_templates)} page kinds x 2 viewports), violations by "
        f"impact {dict(impacts)}; page kinds not reached by the crawl: {unreached}"
    )
    assert len(seen_templates) >= 8, seen_templates
    assert not blocking, "\n".join(blocking)
