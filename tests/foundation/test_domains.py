"""The domain manifest is the one list of domains: app, CLI, demo, i18n and Piccolo all follow it."""

import ast
import tomllib
from pathlib import Path

from portal.domains import catalogue_packages, cli_commands, piccolo_apps, registered, route_handlers

ROOT = Path(__file__).resolve().parents[2]


def test_every_domain_package_is_in_the_manifest_and_nothing_else_is() -> None:
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "benchmarks", "deploy"}
    assert packages == {domain.name for domain in registered()}


def test_piccolo_reads_the_manifest_and_every_app_with_migrations_is_listed() -> None:
    import piccolo_conf

    with_migrations = {
        ".".join(path.parent.parent.relative_to(ROOT).parts) + ".piccolo_app"
        for path in ROOT.glob("*/**/piccolo_migrations/__init__.py")
        if ".venv" not in path.parts
    }
    assert set(piccolo_conf.APP_REGISTRY.apps) == with_migrations == set(piccolo_apps())


def test_routes_and_commands_of_every_domain_are_registered() -> None:
    from portal.app import create_app
    from portal.cli import main

    paths = {route.path for route in create_app().routes}
    assert {"/health", "/pengaduan", "/open311/v2/services.json", "/survei", "/staf/evaluasi"} <= paths
    assert len(route_handlers()) == len(set(route_handlers()))  # no handler registered twice
    assert {"ml", "lapor", "apikeys", "skm", "evaluation", "backup"} <= set(main.commands)
    assert {command.name for command in cli_commands()} <= set(main.commands)


def test_pyproject_packages_and_the_makefile_follow_the_manifest() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    assert sorted(include) == sorted(f"{domain.name}*" for domain in registered())
    assert "catalogue_packages()" in (ROOT / "Makefile").read_text(encoding="utf-8")
    catalogues = ROOT.glob("*/locale/en/LC_MESSAGES/messages.po")
    assert set(catalogue_packages()) == {path.parents[3].name for path in catalogues}


def test_no_module_reaches_a_domain_through_import_module() -> None:
    offenders = []
    for domain in registered():
        for path in (ROOT / domain.name).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr == "import_module":
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
