"""The relevance set (tests/search/relevance.toml): citizen queries and what must come first, on the demo
catalogue and the demo board, on whichever database the suite runs (SQLite, or PostgreSQL in CI)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from catalogue import search as catalogue_search
from complaints.services import board as board_service
from portal.demo import load_all_demo

CASES = tomllib.loads((Path(__file__).with_name("relevance.toml")).read_text(encoding="utf-8"))


def _name(hit: catalogue_search.Hit) -> str:
    parts = hit.url.strip("/").split("/")
    return f"{parts[1]}/{parts[2]}" if parts[0] == "layanan" else f"unit:{parts[1]}"


def catalogue_failures(case: dict, result: catalogue_search.Result) -> list[str]:
    names = [_name(hit) for hit in result.hits]
    problems = []
    top = case.get("top", [])
    if names[: len(top)] != top:
        problems.append(f"top {top}, got {names[:3]}")
    top_any = case.get("top_any", [])
    if set(names[: len(top_any)]) != set(top_any):
        problems.append(f"top (any order) {top_any}, got {names[:3]}")
    if present := [n for n in case.get("absent", []) if n in names]:
        problems.append(f"must not find {present}")
    notices = [n.key for n in result.notices]
    if case.get("notice") and case["notice"] not in notices:
        problems.append(f"notice {case['notice']} missing (got {notices})")
    if not case.get("notice") and notices:
        problems.append(f"unexpected notice {notices}")
    return problems


async def test_the_relevance_set_on_the_demo_catalogue_and_board(app) -> None:
    await load_all_demo(only_if_empty=False)
    assert len(CASES["catalogue"]) + len(CASES["board"]) >= 40
    failures = []
    for case in CASES["catalogue"]:
        result = await catalogue_search.search_with_notices(app, case["q"])
        failures += [f"catalogue {case['q']!r}: {p}" for p in catalogue_failures(case, result)]
    for case in CASES["board"]:
        page = await board_service.board(q=case["q"])
        titles = [row["title"] for row in page.rows]
        if missing := [t for t in case.get("found", []) if t not in titles]:
            failures.append(f"board {case['q']!r}: missing {missing} (got {titles})")
        if present := [t for t in case.get("absent", []) if t in titles]:
            failures.append(f"board {case['q']!r}: must not find {present}")
    assert not failures, "\n".join(failures)
