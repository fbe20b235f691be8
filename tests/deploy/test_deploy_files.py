"""The shipped deployment files (deploy/) are valid: what `make deploy-check` runs, plus proof that the
checks catch the mistakes they are for. Tools that are not installed are skipped with a message."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
_spec = importlib.util.spec_from_file_location("deploy_check", DEPLOY / "check.py")
check = importlib.util.module_from_spec(_spec)
sys.modules["deploy_check"] = check  # dataclasses look their module up
_spec.loader.exec_module(check)


def _assert_ok(result) -> None:
    if result.status == "skipped":
        pytest.skip(result.line())
    assert result.status == "ok", result.line()


def test_compose_file_is_valid_and_production_ready():
    _assert_ok(check.check_compose())


def test_env_examples_set_the_production_settings():
    _assert_ok(check.check_env_examples())


def test_systemd_units_pass_systemd_analyze_verify():
    _assert_ok(check.check_systemd())


def test_nginx_sites_pass_nginx_t():
    _assert_ok(check.check_nginx())


def test_dockerfile_rules():
    _assert_ok(check.check_dockerfile(build=False))


def test_compose_check_reports_a_missing_production_setting():
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    env = check.read_env_file(DEPLOY / "compose.env.example")
    assert check.compose_structure_problems(text, env) == []
    broken = "\n".join(line for line in text.splitlines() if "PORTAL_BASE_URL:" not in line)
    assert "the portal service does not set PORTAL_BASE_URL" in check.compose_structure_problems(broken, env)
    env.pop("PORTAL_ALLOWED_HOSTS")
    assert any("PORTAL_ALLOWED_HOSTS" in p for p in check.compose_structure_problems(text, env))
    assert check.compose_structure_problems("services: [", env)[0].startswith("YAML does not parse")


def test_dockerfile_rules_reject_root_and_dev_extra():
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert check.dockerfile_problems(text) == []
    assert any("non-root" in p for p in check.dockerfile_problems(text.replace("USER portal:portal", "USER root")))
    assert any(
        "dev extra" in p for p in check.dockerfile_problems(text.replace("pip install -e .", "pip install -e .[dev]"))
    )


@pytest.mark.skipif(
    shutil.which("nginx") is None or shutil.which("openssl") is None, reason="nginx/openssl not installed"
)
def test_nginx_check_catches_a_broken_site(tmp_path, monkeypatch):
    copy = tmp_path / "nginx"
    shutil.copytree(DEPLOY / "nginx", copy)
    site = copy / "portal.conf"
    site.write_text(site.read_text().replace("proxy_pass", "proxy_passs", 1) + "\nserver { listen 80 bogus_flag; }\n")
    monkeypatch.setattr(check, "NGINX", copy)
    assert check.check_nginx().status == "failed"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_check_catches_a_broken_unit(tmp_path, monkeypatch):
    copy = tmp_path / "systemd"
    shutil.copytree(DEPLOY / "systemd", copy)
    unit = copy / "portal.service"
    unit.write_text(unit.read_text().replace("Restart=always", "Restart=sometimes"))
    monkeypatch.setattr(check, "SYSTEMD", copy)
    result = check.check_systemd()
    assert result.status == "failed" and "restart specifier" in result.detail
