"""complaints sits below surveys and evaluation_link: it imports neither, and reaches them through
portal.events (surveys' reactions are registered from its manifest)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from complaints.published_events import COMPLAINT_CLOSED, MESSAGE_LINK
from complaints.services import handling, reporter
from complaints.tables import Complaint, ComplaintEvent
from portal import events
from surveys import reactions
from tests.complaints.factories import actor, file, world

ROOT = Path(__file__).resolve().parents[2]
HIGHER = ("surveys", "evaluation_link")


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
        ):
            found += [(node.lineno, a.value) for a in node.args if isinstance(a, ast.Constant)]
    return found


def test_complaints_imports_nothing_from_surveys_or_evaluation_link() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sorted((ROOT / "complaints").rglob("*.py"))
        for line, name in _imported(ast.parse(path.read_text(encoding="utf-8")))
        if name.split(".")[0] in HIGHER
    ]
    assert offenders == []


def test_the_scan_sees_every_kind_of_import() -> None:
    source = "import surveys.periods\nfrom evaluation_link import x\ndef f():\n    from surveys.periods import now\n"
    assert [name for _, name in _imported(ast.parse(source))] == [
        "surveys.periods",
        "evaluation_link",
        "surveys.periods",
    ]


def test_surveys_reacts_to_closure_and_gives_the_ballot_link_through_its_manifest() -> None:
    assert reactions.invite_after_closure in events.handlers(COMPLAINT_CLOSED)
    assert reactions.ballot_link in events.handlers(MESSAGE_LINK)


async def test_emit_runs_every_reaction_in_order_and_returns_their_results() -> None:
    seen = []

    async def first(**payload):
        seen.append(("first", payload))
        return 1

    async def second(**payload):
        seen.append(("second", payload))

    with events.subscribed("test.happened", first), events.subscribed("test.happened", second):
        assert await events.emit("test.happened", complaint_id=7) == [1, None]
    assert seen == [("first", {"complaint_id": 7}), ("second", {"complaint_id": 7})]
    assert await events.emit("test.happened", complaint_id=8) == []


async def test_a_closure_reaction_runs_in_the_closing_transaction(app) -> None:
    """A reaction that fails takes the closure with it: nothing of the closure is written."""
    ids = await world()
    filed = await file(app)
    await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
    await handling.apply_action(filed.id, "answer", await actor(ids["officer_a"]), note="Sudah diperbaiki.")
    before = await ComplaintEvent.count().where(ComplaintEvent.complaint == filed.id)
    payloads = []

    async def refuse(**payload):
        payloads.append(payload)
        raise RuntimeError("reaction failed")

    with events.subscribed(COMPLAINT_CLOSED, refuse), pytest.raises(RuntimeError):
        await reporter.act(filed.id, "confirm")
    assert payloads and payloads[0]["complaint_id"] == filed.id and payloads[0]["unit_id"] == ids["unit_a"]
    row = await Complaint.select(Complaint.status).where(Complaint.id == filed.id).first()
    assert row["status"] == "answered"
    assert await ComplaintEvent.count().where(ComplaintEvent.complaint == filed.id) == before
