"""CLI conventions of the `portal` command: --version, -h as well as --help on every command, progress on
stderr for long commands (stdout unchanged), --dry-run on commands that write, documented exit codes."""

from __future__ import annotations

import io
import re

import click
import pytest
from click.testing import CliRunner

from portal import __version__
from portal.cli import main
from portal.cli_progress import working
from portal.tables import StaffUser, Unit
from tests.helpers import ROOT, make_unit
from tests.ops.test_backup import needs_tools, portal  # noqa: F401  (fixture)


def _commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


def test_version_long_and_short():
    for flag in ("--version", "-V"):
        result = CliRunner().invoke(main, [flag])
        assert result.exit_code == 0
        assert result.output.strip() == f"portal {__version__}"


@pytest.mark.parametrize("path", [(), *_commands(main)], ids=lambda p: " ".join(p) or "portal")
def test_dash_h_is_help_on_every_command(path):
    short = CliRunner().invoke(main, [*path, "-h"], prog_name="portal")
    long = CliRunner().invoke(main, [*path, "--help"], prog_name="portal")
    assert short.exit_code == 0 and long.exit_code == 0, short.output
    assert short.output == long.output
    assert short.output.startswith("Usage: portal")
    assert "-h, --help" in short.output


def test_usage_error_exits_2():
    result = CliRunner().invoke(main, ["users", "create", "x", "--role", "walikota"])
    assert result.exit_code == 2


def test_progress_goes_to_stderr_and_reports_the_outcome():
    @click.command()
    def slow() -> None:
        with working("Melatih"):
            click.echo("hasil")

    @click.command()
    def failing() -> None:
        with working("Mencadangkan"):
            raise click.ClickException("disk penuh")

    done = CliRunner().invoke(slow)
    assert done.stdout == "hasil\n", (done.output, done.exception)
    assert re.search(r"Melatih: selesai \(\d+\.\d s\)", done.stderr)
    failed = CliRunner().invoke(failing)
    assert failed.exit_code == 1 and "Mencadangkan: gagal" in failed.stderr


def test_progress_animates_on_a_terminal(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    monkeypatch.setattr("sys.stderr", stream)
    with working("Mengimpor", interval=0.01):
        import time

        time.sleep(0.1)
    assert "\r| Mengimpor" in stream.getvalue() or "\r/ Mengimpor" in stream.getvalue()
    assert stream.getvalue().count("\r") >= 3


async def test_backup_shows_progress_on_stderr_only(db, tmp_path, needs_tools):  # noqa: F811
    made = portal("backup", "--output", str(tmp_path / "b.tar.gz"), data_dir=tmp_path / "data")
    assert made.returncode == 0, made.stderr
    assert "Membuat cadangan: selesai" in made.stderr
    assert "Membuat cadangan" not in made.stdout and made.stdout.startswith("Cadangan ")


async def test_restore_dry_run_changes_nothing(db, tmp_path, needs_tools):  # noqa: F811
    archive = tmp_path / "b.tar.gz"
    assert portal("backup", "--output", str(archive), data_dir=tmp_path / "data").returncode == 0
    await make_unit("unit-setelah-cadangan")
    tried = portal("restore", str(archive), "--dry-run", data_dir=tmp_path / "data")
    assert tried.returncode == 0, tried.stderr
    assert "Uji coba" in tried.stdout
    assert await Unit.exists().where(Unit.slug == "unit-setelah-cadangan")


async def test_users_create_dry_run_checks_and_creates_nothing(db, tmp_path):
    await make_unit("dinas-kesehatan")
    args = ("users", "create", "petugas.baru", "--role", "unit_officer", "--unit", "dinas-kesehatan")
    tried = portal(*args, "--password", "rahasia-panjang-1", "--dry-run", data_dir=tmp_path / "data")
    assert tried.returncode == 0, tried.stderr
    assert "dapat dibuat" in tried.stdout
    assert not await StaffUser.exists().where(StaffUser.username == "petugas.baru")
    short = portal(*args, "--password", "pendek", "--dry-run", data_dir=tmp_path / "data")
    assert short.returncode == 1 and "10 karakter" in short.stderr  # in the CLI's language (PORTAL_LANG)
    unknown = portal("users", "create", "x", "--role", "unit_officer", "--unit", "tidak-ada", "--password",
                     "rahasia-panjang-1", "--dry-run", data_dir=tmp_path / "data")  # fmt: skip
    assert unknown.returncode == 1 and "tidak ditemukan" in unknown.stderr


async def test_declined_confirmation_exits_1_and_changes_nothing(db, tmp_path, needs_tools):  # noqa: F811
    archive = tmp_path / "b.tar.gz"
    assert portal("backup", "--output", str(archive), data_dir=tmp_path / "data").returncode == 0
    await make_unit("unit-setelah-cadangan")
    declined = CliRunner().invoke(main, ["restore", str(archive)], input="n\n")
    assert declined.exit_code == 1 and "Aborted!" in declined.output
    assert await Unit.exists().where(Unit.slug == "unit-setelah-cadangan")


def test_exit_codes_are_documented():
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1]
    for code in ("0", "1", "2"):
        assert f"| {code} " in section
    assert "--dry-run" in text


def _help(*args: str, lang: str | None) -> str:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PORTAL_LANG"}
    if lang:
        env["PORTAL_LANG"] = lang
    done = subprocess.run([sys.executable, "-m", "portal.cli", *args, "-h"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())  # help is wrapped to the terminal width


def test_help_is_indonesian_by_default_like_the_output():
    assert "Portal Pelayanan Publik: administrasi lewat baris perintah." in _help(lang=None)
    assert "Kata sandi (ditanyakan bila tidak diberikan" in _help("users", "create", lang=None)
    assert "Klasifikasi topik pengaduan" in _help("ml", lang=None)
    assert "Terbitkan token untuk alat evaluator" in _help("evaluation", "token", lang=None)


def test_help_is_english_with_portal_lang_en():
    main_help = _help(lang="en")
    assert "Portal Pelayanan Publik: command-line administration." in main_help
    assert "administrasi" not in main_help
    assert "Password (prompted when omitted; at least 10 characters)." in _help("users", "create", lang="en")
    assert "Complaint topic classifier" in _help("ml", lang="en")
    assert "Import an SP4N-LAPOR! export" in _help("lapor", "import", lang="en")


async def test_output_follows_the_same_language(db, tmp_path):
    import os
    import subprocess
    import sys

    def skm(lang: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "PORTAL_LANG": lang, "PORTAL_DATA_DIR": str(tmp_path)}
        return subprocess.run([sys.executable, "-m", "portal.cli", "skm", "pekppp", "tidak-ada", "2026"], env=env,
                              cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)  # fmt: skip

    indonesian, english = skm("id"), skm("en")
    assert indonesian.returncode == english.returncode == 1
    assert "Unit 'tidak-ada' tidak ditemukan." in indonesian.stderr
    assert "Unit 'tidak-ada' not found." in english.stderr


def test_dash_h_survives_a_command_first_run_on_its_own():
    """click keeps a command's help option from its first run: a group run alone first (as other tests and
    entry points do) must still answer `-h` under `portal` afterwards."""
    from complaints.cli import holidays

    assert CliRunner().invoke(holidays, ["--help"]).exit_code == 0
    result = CliRunner().invoke(main, ["holidays", "-h"], prog_name="portal")
    assert result.exit_code == 0, result.output
    assert "-h, --help" in result.output
