"""Validate the shipped deployment files (`make deploy-check`, tests/deploy/test_deploy_files.py).

Each check uses the real tool where it is installed and says clearly when it is skipped:

* compose.yaml: `docker compose config` when the compose plugin exists, else a YAML parse plus
  structural checks (services, production settings, files it mounts, variables it requires);
* systemd units: `systemd-analyze verify` (executables replaced by stubs, so the check runs anywhere);
* nginx sites: `nginx -t` on a throw-away configuration with a self-signed certificate;
* Dockerfile: static rules always; `docker build` only with --build and a reachable Docker daemon
  (the build installs from PyPI, so it is never run by the tests).

Exit code: 0 when nothing failed (skips allowed), 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
COMPOSE = DEPLOY / "compose.yaml"
COMPOSE_ENV = DEPLOY / "compose.env.example"
SYSTEMD = DEPLOY / "systemd"
NGINX = DEPLOY / "nginx"
DOCKERFILE = DEPLOY / "Dockerfile"

# With PORTAL_ENV=production the portal refuses to start without these.
PRODUCTION_VARIABLES = ("PORTAL_SECRET_KEY", "PORTAL_BASE_URL", "PORTAL_ALLOWED_HOSTS")
COMPOSE_SERVICES = ("postgres", "redis", "migrate", "portal", "nginx")


@dataclass
class Result:
    name: str
    status: str  # "ok", "skipped" or "failed"
    detail: str = ""

    def line(self) -> str:
        return f"[{self.status:^7}] {self.name}" + (f": {self.detail}" if self.detail else "")


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=300, check=False, **kwargs)  # noqa: S603


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def _docker_compose_available() -> bool:
    return shutil.which("docker") is not None and _run(["docker", "compose", "version"]).returncode == 0


def _docker_daemon_available() -> bool:
    return shutil.which("docker") is not None and _run(["docker", "info"]).returncode == 0


_INTERPOLATION = re.compile(r"\$\{([A-Z0-9_]+)(:?[-?])?([^}]*)\}")


def compose_structure_problems(text: str, env: dict[str, str]) -> list[str]:
    """What `docker compose config` would reject or what the portal needs, checked without Docker."""
    import yaml

    problems = []
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return [f"YAML does not parse: {exc}"]
    for match in _INTERPOLATION.finditer(text):
        name, kind, _ = match.groups()
        if kind in (":?", "?") and not env.get(name):
            problems.append(f"${{{name}}} is required but not set in {COMPOSE_ENV.name}")
    services = data.get("services") or {}
    problems += [f"service {name!r} is missing" for name in COMPOSE_SERVICES if name not in services]
    declared_volumes = set((data.get("volumes") or {}).keys())
    for name, service in services.items():
        if "image" not in service and "build" not in service:
            problems.append(f"service {name!r} has neither image nor build")
        depends = service.get("depends_on") or []
        for other in depends if isinstance(depends, list) else depends.keys():
            if other not in services:
                problems.append(f"service {name!r} depends on unknown service {other!r}")
        for volume in service.get("volumes") or []:
            source = volume.split(":", 1)[0]
            if source.startswith("."):
                if source.rstrip("/").endswith("certs"):
                    continue  # created by the operator (certificates are never shipped)
                if not (DEPLOY / source).exists():
                    problems.append(f"service {name!r} mounts {source}, which does not exist")
            elif source not in declared_volumes:
                problems.append(f"service {name!r} uses undeclared volume {source!r}")
        build = service.get("build")
        if isinstance(build, dict) and not (DEPLOY / build.get("context", ".") / build.get("dockerfile", "")).is_file():
            problems.append(f"service {name!r} builds from a missing Dockerfile")
    portal_env = (services.get("portal") or {}).get("environment") or {}
    if portal_env.get("PORTAL_ENV") != "production":
        problems.append("the portal service does not set PORTAL_ENV=production")
    for variable in (*PRODUCTION_VARIABLES, "DATABASE_URL", "REDIS_URL"):
        if not portal_env.get(variable):
            problems.append(f"the portal service does not set {variable}")
    if not str(portal_env.get("DATABASE_URL", "")).startswith("postgresql://"):
        problems.append("the portal service does not use PostgreSQL")
    return problems


def check_compose() -> Result:
    name = "compose.yaml"
    env = read_env_file(COMPOSE_ENV)
    problems = compose_structure_problems(COMPOSE.read_text(encoding="utf-8"), env)
    if problems:
        return Result(name, "failed", "; ".join(problems))
    if not _docker_compose_available():
        return Result(name, "ok", "YAML and structure checked (docker compose not installed: `config` skipped)")
    done = _run(["docker", "compose", "-f", str(COMPOSE), "--env-file", str(COMPOSE_ENV), "config", "--quiet"])
    if done.returncode != 0:
        return Result(name, "failed", f"docker compose config: {done.stderr.strip()}")
    return Result(name, "ok", "docker compose config")


def check_env_examples() -> Result:
    name = "production settings in the env examples"
    problems = []
    for path in (COMPOSE_ENV, SYSTEMD / "portal.env.example"):
        values = read_env_file(path)
        for variable in PRODUCTION_VARIABLES:
            if not values.get(variable):
                problems.append(f"{path.name} lacks {variable}")
        if len(values.get("PORTAL_SECRET_KEY", "")) < 32:
            problems.append(f"{path.name}: PORTAL_SECRET_KEY example is shorter than 32 characters")
        base = values.get("PORTAL_BASE_URL", "")
        if base and not base.startswith("https://"):
            problems.append(f"{path.name}: PORTAL_BASE_URL should be https://")
        hosts = [h.strip() for h in values.get("PORTAL_ALLOWED_HOSTS", "").split(",")]
        if base and hosts and base.split("//", 1)[-1].split("/")[0] not in hosts:
            problems.append(f"{path.name}: the host of PORTAL_BASE_URL is not in PORTAL_ALLOWED_HOSTS")
    if read_env_file(SYSTEMD / "portal.env.example").get("PORTAL_ENV") != "production":
        problems.append("portal.env.example does not set PORTAL_ENV=production")
    return Result(name, "failed", "; ".join(problems)) if problems else Result(name, "ok")


def check_systemd() -> Result:
    name = "systemd units"
    units = sorted(p for p in SYSTEMD.iterdir() if p.suffix in (".service", ".timer"))
    problems = []
    for unit in units:
        text = unit.read_text(encoding="utf-8")
        if unit.suffix == ".service" and "EnvironmentFile=/etc/portal/portal.env" not in text:
            problems.append(f"{unit.name} does not read /etc/portal/portal.env")
        if unit.suffix == ".service" and "User=portal" not in text:
            problems.append(f"{unit.name} does not run as the portal user")
        if unit.suffix == ".timer" and not (SYSTEMD / f"{unit.stem}.service").is_file():
            problems.append(f"{unit.name} has no {unit.stem}.service")
    if problems:
        return Result(name, "failed", "; ".join(problems))
    tool = shutil.which("systemd-analyze")
    if tool is None:
        return Result(name, "skipped", "systemd-analyze is not installed (only static checks ran)")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        stub = tmpdir / "bin" / "stub"
        stub.parent.mkdir()
        stub.write_text("#!/bin/sh\nexit 0\n")
        stub.chmod(0o755)
        copies = []
        for unit in units:
            text = re.sub(r"/opt/portal/\.venv/bin/[\w-]+", str(stub), unit.read_text(encoding="utf-8"))
            copy = tmpdir / unit.name
            copy.write_text(text)
            copies.append(str(copy))
        done = _run([tool, "verify", *copies], cwd=tmp)
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0 or output:
        return Result(name, "failed", f"systemd-analyze verify: {output}")
    return Result(name, "ok", f"systemd-analyze verify ({len(units)} units)")


def check_nginx() -> Result:
    name = "nginx sites"
    nginx, openssl = shutil.which("nginx"), shutil.which("openssl")
    if nginx is None:
        return Result(name, "skipped", "nginx is not installed (`nginx -t` not run)")
    if openssl is None:
        return Result(name, "skipped", "openssl is not installed (no test certificate for `nginx -t`)")
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        cert, key = tmpdir / "fullchain.pem", tmpdir / "privkey.pem"
        done = _run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test",
                     "-keyout", str(key), "-out", str(cert)])  # fmt: skip
        if done.returncode != 0:
            return Result(name, "skipped", f"openssl could not make a test certificate: {done.stderr.strip()}")
        snippet = tmpdir / "portal-common.conf"
        shutil.copy(NGINX / "portal-common.conf", snippet)
        for site in ("portal.conf", "compose.conf"):
            text = (NGINX / site).read_text(encoding="utf-8")
            text = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};", text)
            text = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", text)
            text = text.replace("/etc/nginx/snippets/portal-common.conf", str(snippet))
            text = text.replace("server portal:8000;", "server 127.0.0.1:8000;")  # compose's DNS name
            (tmpdir / site).write_text(text)
            main = tmpdir / f"nginx-{site}"
            main.write_text(
                f"pid {tmpdir}/nginx.pid;\nerror_log {tmpdir}/error.log;\nevents {{}}\n"
                f"http {{\n  access_log off;\n  client_body_temp_path {tmpdir}/body;\n"
                f"  proxy_temp_path {tmpdir}/proxy;\n"
                f"  include {tmpdir / site};\n}}\n"
            )
            done = _run([nginx, "-t", "-q", "-e", str(tmpdir / "error.log"), "-p", str(tmpdir), "-c", str(main)])
            if done.returncode != 0:
                failures.append(f"{site}: {(done.stderr or done.stdout).strip()}")
    if failures:
        return Result(name, "failed", "; ".join(failures))
    return Result(name, "ok", "nginx -t (portal.conf, compose.conf)")


def dockerfile_problems(text: str) -> list[str]:
    problems = []
    bases = re.findall(r"^FROM\s+(\S+)", text, flags=re.MULTILINE)
    if not bases or any(not base.startswith("python:") or "slim" not in base for base in bases):
        problems.append(f"every stage should start FROM a python:*-slim image (found {bases})")
    users = re.findall(r"^USER\s+(\S+)", text, flags=re.MULTILINE)
    if not users or users[-1].split(":")[0] in ("root", "0"):
        problems.append("the image must run as a non-root USER")
    if "portal ml ensure" not in text:
        problems.append("the classifier is not trained at build time (`portal ml ensure`)")
    if re.search(r"\.\[[^]]*\bdev\b", text):
        problems.append("the image installs the dev extra (test tools)")
    return problems


def check_dockerfile(build: bool) -> Result:
    name = "Dockerfile"
    problems = dockerfile_problems(DOCKERFILE.read_text(encoding="utf-8"))
    if problems:
        return Result(name, "failed", "; ".join(problems))
    if not build:
        return Result(name, "ok", "static rules checked (image build not requested: `make deploy-check BUILD=1`)")
    if not _docker_daemon_available():
        return Result(name, "skipped", "static rules checked; no reachable Docker daemon, image not built")
    done = _run(["docker", "build", "-f", str(DOCKERFILE), "-t", "portal-pelayanan-publik:check", str(ROOT)])
    if done.returncode != 0:
        return Result(name, "failed", f"docker build: {done.stderr.strip()[-2000:]}")
    return Result(name, "ok", "docker build")


def run_checks(build: bool = False) -> list[Result]:
    return [check_compose(), check_env_examples(), check_systemd(), check_nginx(), check_dockerfile(build)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--build", action="store_true", help="Also build the image (needs Docker and PyPI).")
    args = parser.parse_args(argv)
    results = run_checks(build=args.build or os.environ.get("BUILD") == "1")
    for result in results:
        print(result.line())
    return 1 if any(r.status == "failed" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
