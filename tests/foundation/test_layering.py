"""The layers hold: ml → portal → domains. A lower layer never imports a higher one, and modules import
project code at their top (a function-local import only breaks an import cycle, and says which)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests", "benchmarks", "deploy"}
DOMAINS = PROJECT - {"ml", "portal"}
# portal/domains.py lists the domains (it imports their manifests); nothing else in portal/ may import one.
PORTAL_MAY_IMPORT_DOMAINS = {"portal/domains.py"}


def _modules(package: str) -> list[Path]:
    return sorted(path for path in (ROOT / package).rglob("*.py") if "piccolo_migrations" not in path.parts)


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module]
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return []


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, name) for node in ast.walk(tree) for name in _imported(node)]


def test_ml_imports_no_other_package_of_the_project() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in _modules("ml")
        for line, name in _imports(path)
        if name.split(".")[0] in PROJECT - {"ml"}
    ]
    assert offenders == []


def test_portal_imports_no_domain() -> None:
    offenders = []
    for path in _modules("portal"):
        relative = path.relative_to(ROOT).as_posix()
        if relative in PORTAL_MAY_IMPORT_DOMAINS:
            continue
        for line, name in _imports(path):
            if name.split(".")[0] in DOMAINS:
                offenders.append(f"{relative}:{line}: {name}")
    assert offenders == []


def test_a_domain_imports_only_the_domains_below_it() -> None:
    """portal/domains.py gives the order (catalogue → complaints → surveys → evaluation_link): a domain reacts
    to a higher one only through a hook that the higher one registers in its manifest."""
    from portal.domains import registered

    order = [domain.name for domain in registered() if domain.name in DOMAINS]
    offenders = []
    for rank, package in enumerate(order):
        higher = set(order[rank + 1 :]) & DOMAINS
        for path in _modules(package):
            for line, name in _imports(path):
                if name.split(".")[0] in higher:
                    offenders.append(f"{path.relative_to(ROOT).as_posix()}:{line}: {name}")
    assert offenders == []


def _local_project_imports(path: Path) -> list[ast.stmt]:
    found = []
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if any(name.split(".")[0] in PROJECT for name in _imported(node)):
                    found.append(node)
    return found


# Where a command or a Domain loader imports what it runs when it runs (`# lazy: ...`): every `portal` command
# starts by registering all of them, and scikit-learn/skops, the web stack or the tables would cost each start
# seconds (`portal --help` measured at 0.3 s of CPU with them lazy, 6.7 s without).
# Also where scikit-learn would load into a web process that never classifies (complaints.classification).


def _justified(lines: list[str], index: int, reasons: tuple[str, ...]) -> bool:
    """A '# cycle: ...' (or, where allowed, '# lazy: ...') comment on the import's line or above its block."""
    if any(reason in lines[index] for reason in reasons):
        return True
    index -= 1
    while index >= 0 and lines[index].strip().startswith(("import ", "from ")):
        index -= 1
    while index >= 0 and lines[index].strip().startswith("#"):  # the comment above the block, any of its lines
        if lines[index].strip().startswith(reasons):
            return True
        index -= 1
    return False


def test_project_imports_inside_functions_only_break_a_named_cycle() -> None:
    offenders = set()
    reasons = ("# cycle", "# lazy")
    for package in sorted(PROJECT):
        for path in _modules(package):
            relative = path.relative_to(ROOT).as_posix()
            lines = path.read_text(encoding="utf-8").splitlines()
            for node in _local_project_imports(path):
                if not _justified(lines, node.lineno - 1, reasons):
                    offenders.add(f"{relative}:{node.lineno}: {ast.unparse(node)}")
    assert sorted(offenders) == [], "import at the top, or write '# cycle: ...' or '# lazy: ...' above the import"


def test_pages_are_made_with_the_portal_template_response() -> None:
    """`portal.templating.Template` is the one page response (HTML, no media-type guess per response):
    Litestar's own is imported nowhere else."""
    offenders = []
    for package in sorted(PROJECT):
        for path in _modules(package):
            relative = path.relative_to(ROOT).as_posix()
            if relative == "portal/templating.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ImportFrom):
                    continue
                named = node.module in ("litestar", "litestar.response") and any(
                    alias.name == "Template" for alias in node.names
                )
                if named or node.module == "litestar.response.template":
                    offenders.append(f"{relative}:{node.lineno}")
    assert offenders == [], "import Template from portal.templating"
