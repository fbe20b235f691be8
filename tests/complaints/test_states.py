"""complaints/states.py is the one place a complaint state is spelled, and every state is classified."""

from __future__ import annotations

import ast
import re
from enum import StrEnum
from pathlib import Path

import pytest

from complaints import states
from complaints.states import ALL, FINAL, OPEN, STATES, TRANSITIONS, ComplaintStatus, unclassified

ROOT = Path(__file__).resolve().parents[2]
# the packages whose code handles complaint states (evaluation_link only reads them through complaints)
SCANNED = ("complaints", "surveys", "evaluation_link/sources")
VALUES = frozenset(s.value for s in ComplaintStatus)


def _state_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in VALUES


def _collection_of_states(node: ast.AST) -> bool:
    """A tuple, list or set spelling states: every element a state literal."""
    return isinstance(node, ast.Tuple | ast.List | ast.Set) and bool(node.elts) and all(map(_state_literal, node.elts))


def _spellings(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                if _state_literal(operand):  # a collection of states is found on its own below
                    found.append((node.lineno, ast.unparse(node)))
        elif _collection_of_states(node):
            found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.keyword) and node.arg and "status" in node.arg and _state_literal(node.value):
            found.append((node.value.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and "status" in str(key.value) and _state_literal(value):
                    found.append((value.lineno, ast.unparse(value)))
    return found


def _modules() -> list[Path]:
    paths = []
    for package in SCANNED:
        for path in sorted((ROOT / package).rglob("*.py")):
            if (path.name == "states.py" and path.parent.name == "complaints") or "piccolo_migrations" in path.parts:
                continue
            paths.append(path)
    return paths


def test_no_module_outside_states_spells_a_state() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in _modules()
        for line, text in _spellings(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == [], "use the names of complaints/states.py:\n" + "\n".join(offenders)


def test_the_scan_finds_a_spelled_state() -> None:
    source = 'if row["status"] in ("closed", "archived") or status == "answered":\n    q.is_in(["routed"])\n'
    assert len(_spellings(ast.parse(source))) == 3
    assert _spellings(ast.parse('STATUSES = ("open", "closed")\nif x == OPEN311_CLOSED: pass\n')) == []


def test_every_state_is_classified_and_the_sets_partition_it() -> None:
    assert unclassified() == []
    assert set(STATES) == VALUES
    assert set(OPEN) | set(FINAL) == set(ALL) and not set(OPEN) & set(FINAL)
    assert set(states.PUBLIC) | set(states.HIDDEN) == set(ALL) and not set(states.PUBLIC) & set(states.HIDDEN)
    named = ("TRIAGE", "AT_UNIT", "HANDLED", "ASK_BEFORE_ROUTING", "UNANSWERED", "ANSWERED_OR_FINAL", "RATEABLE")
    for name in named:
        assert set(getattr(states, name)) <= set(ALL), name
    for transition in TRANSITIONS:
        assert transition.target in ALL and transition.sources <= set(ALL)
        assert not transition.sources & set(FINAL), transition.action  # a final state accepts no action


def test_a_new_state_without_a_classification_is_refused() -> None:
    extended = StrEnum("ComplaintStatus", [*((s.name, s.value) for s in ComplaintStatus), ("reopened", "reopened")])
    assert unclassified(extended) == ["reopened"]


@pytest.mark.parametrize("state", list(ComplaintStatus))
def test_each_state_has_a_label_and_a_stage_unless_final(state) -> None:
    info = STATES[state]
    assert info.label
    assert (info.stage == "") == info.final


def test_no_template_spells_a_state() -> None:
    """Templates test against the `complaint_states` global (complaints.states.jinja_global)."""
    states_re = "|".join(sorted(VALUES))
    literal = re.compile(rf"""status\s*(?:==|!=|in|not in)\s*\(?\s*["']({states_re})["']""")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("complaints", "surveys")  # evaluation_link's follow-up actions have states of their own
        for path in sorted((ROOT / "templates" / folder).rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert offenders == []
