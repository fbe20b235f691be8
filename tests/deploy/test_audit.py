"""`.ci/audit.py`: fails on known vulnerabilities only; a clear warning (exit 0) when pip-audit cannot
reach the advisory service. pip-audit itself is replaced by a fake (no network in tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

AUDIT = Path(__file__).resolve().parents[2] / ".ci" / "audit.py"


def _run(tmp_path: Path, report: dict | None, stderr: str = "", code: int = 0) -> subprocess.CompletedProcess:
    fake = tmp_path / "pip-audit"
    body = f"import json, sys\nreport = {json.dumps(report)!r}\n"
    body += "out = sys.argv[sys.argv.index('--output') + 1]\n"
    body += "if report != 'null':\n    open(out, 'w').write(report)\n"
    body += f"sys.stderr.write({stderr!r})\nsys.exit({code})\n"
    fake.write_text(f"#!{sys.executable}\n{body}")
    fake.chmod(0o755)
    env = {**os.environ, "PORTAL_PIP_AUDIT": str(fake)}
    return subprocess.run([sys.executable, str(AUDIT)], env=env, capture_output=True, text=True, check=False)


def test_clean_report_passes(tmp_path):
    done = _run(tmp_path, {"dependencies": [{"name": "click", "version": "8.1", "vulns": []}]})
    assert done.returncode == 0 and "no known vulnerabilities in 1 packages" in done.stdout


def test_known_vulnerability_fails_and_is_named(tmp_path):
    report = {"dependencies": [{"name": "jinja2", "version": "3.1.0",
                                "vulns": [{"id": "GHSA-xxxx", "fix_versions": ["3.1.5"]}]}]}  # fmt: skip
    done = _run(tmp_path, report, code=1)
    assert done.returncode == 1
    assert "jinja2 3.1.0: GHSA-xxxx (fixed in: 3.1.5)" in done.stdout


def test_unreachable_service_warns_without_failing(tmp_path):
    done = _run(tmp_path, None, stderr="requests.exceptions.ConnectionError: pypi.org unreachable\n", code=1)
    assert done.returncode == 0
    assert "WARNING" in done.stderr and "NOT checked" in done.stderr and "unreachable" in done.stderr
