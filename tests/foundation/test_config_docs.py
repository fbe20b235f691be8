"""Every environment variable the code reads is documented in docs/configuration.md."""

import re
from pathlib import Path

from portal.domains import registered

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = tuple(domain.name for domain in registered())
VARIABLE = re.compile(r"""["']((?:PORTAL_[A-Z0-9_]+)|DATABASE_URL|REDIS_URL)["']""")
NOT_SETTINGS = {"PORTAL_BENCHMARK_ROUTES"}


def test_every_environment_variable_is_documented() -> None:
    documented = (ROOT / "docs" / "configuration.md").read_text()
    used: set[str] = set()
    for directory in SOURCE_DIRS:
        for path in (ROOT / directory).rglob("*.py"):
            used.update(VARIABLE.findall(path.read_text()))
    missing = sorted(v for v in used - NOT_SETTINGS if f"`{v}`" not in documented)
    assert used, "no environment variables found: the scan is broken"
    assert missing == [], f"document these in docs/configuration.md: {missing}"
