"""pip-audit of the installed packages: fail on known vulnerabilities only.

pip-audit queries PyPI's advisory data. When the service cannot be reached (offline CI, outage) this
prints a clear warning and exits 0, so CI does not fail for a reason unrelated to the code.
The project itself (installed editable, not on PyPI) is skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# The venv's pip-audit; PORTAL_PIP_AUDIT replaces it (tests use a fake one).
PIP_AUDIT = os.environ.get("PORTAL_PIP_AUDIT") or str(Path(sys.executable).parent / "pip-audit")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        done = subprocess.run(  # noqa: S603
            [PIP_AUDIT, "--skip-editable", "--progress-spinner", "off", "--format", "json",
             "--output", str(report), "--timeout", "30"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        data = None
        if report.exists() and report.stat().st_size:
            try:
                data = json.loads(report.read_text())
            except ValueError:
                data = None
    if data is None:
        message = (done.stderr or done.stdout).strip().splitlines()
        print("WARNING: pip-audit could not check the dependencies (advisory service unreachable?); "
              "known vulnerabilities were NOT checked.", file=sys.stderr)  # fmt: skip
        if message:
            print("  " + message[-1], file=sys.stderr)
        return 0
    found = [(dep["name"], dep["version"], vuln["id"], ", ".join(vuln.get("fix_versions") or []) or "no fix yet")
             for dep in data.get("dependencies", []) for vuln in dep.get("vulns", [])]  # fmt: skip
    checked = len(data.get("dependencies", []))
    if not found:
        print(f"pip-audit: no known vulnerabilities in {checked} packages.")
        return 0
    print(f"pip-audit: {len(found)} known vulnerabilities:")
    for name, version, vuln_id, fixes in found:
        print(f"  {name} {version}: {vuln_id} (fixed in: {fixes})")
    return 1


if __name__ == "__main__":
    sys.exit(main())
