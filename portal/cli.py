"""The `portal` command: serve, migrate, demo data, users, and each domain's subcommands."""

from __future__ import annotations

import asyncio
import os
import sys

import click

from portal import __version__
from portal.cli_help import CONTEXT_SETTINGS, with_short_help
from portal.cli_progress import working
from portal.domains import cli_commands
from portal.i18n import gettext as _
from portal.i18n import set_language

# Help is in the language of the output: Indonesian, or English with PORTAL_LANG=en. Set before any
# command (here and in the domain modules imported below) translates its help text.
set_language(os.environ.get("PORTAL_LANG", "").strip().lower()[:2] or "id")

# Exit codes (docs/operations.md, "Exit codes"): 0 done, 1 the command failed (a clear message on stderr),
# 2 wrong usage or input rejected (click's usage errors, a file that is not an export), 130 interrupted.


def run(coro):
    return asyncio.run(coro)


@click.group(help=_("Portal Pelayanan Publik: administrasi lewat baris perintah."), context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="portal", message="%(prog)s %(version)s")
def main() -> None:
    pass


@main.command(help=_("Jalankan portal (uvicorn). Dengan SQLite gunakan satu worker."))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=int,
    help=_("Jumlah proses worker (gunakan PostgreSQL + Redis untuk lebih dari 1)."),
)
@click.option("--reload", is_flag=True, help=_("Muat ulang saat kode berubah (pengembangan)."))
def serve(host: str, port: int, workers: int, reload: bool) -> None:
    import uvicorn

    # lazy: `portal --help` and every other command start without the web stack, argon2 and Piccolo's tables
    from portal.settings import Settings

    try:
        Settings()  # refuse to start on an incomplete production configuration, with its reason
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    uvicorn.run(
        "portal.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        proxy_headers=True,
        access_log=False,
        log_level="warning",
    )


@main.command(help=_("Terapkan semua migrasi database (aman dijalankan berulang kali)."))
def migrate() -> None:
    # lazy: `portal --help` and every other command start without the web stack, argon2 and the tables
    from portal.migrate import migrate as run_migrations

    run(run_migrations())
    click.echo(_("Migrasi selesai."))


@main.command(help=_("Muat kabupaten demo (unit, layanan, staf, pengaduan, survei) ke database yang masih kosong."))
@click.option("--if-empty", is_flag=True, help=_("Tidak melakukan apa pun bila database sudah berisi unit."))
def demo(if_empty: bool) -> None:
    # lazy: `portal --help` and every other command start without the web stack, argon2 and the tables
    from portal.demo import load_all_demo

    with working(_("Memuat data demo")):
        created = run(load_all_demo(only_if_empty=if_empty))
    if created is None:
        click.echo(_("Database sudah berisi data; demo tidak dimuat."))
        return
    click.echo(_("Data demo dimuat. Akun staf demo (kata sandi hanya ditampilkan sekali):"))
    for account in created["accounts"]:
        click.echo(f"  {account['role']:<13} {account['username']:<24} {account['password']}  {account['unit'] or ''}")


@main.group(help=_("Akun staf."))
def users() -> None:
    pass


@users.command("create", help=_("Buat akun staf. Peran: system_admin, unit_admin, unit_officer, evaluator."))
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(["system_admin", "unit_admin", "unit_officer", "evaluator"]))
@click.option("--unit", "unit_slug", default=None, help=_("Slug unit (wajib untuk unit_admin dan unit_officer)."))
@click.option("--full-name", default="", help=_("Nama yang ditampilkan."))
@click.option("--email", default="")
@click.option("--password", default=None, help=_("Kata sandi (ditanyakan bila tidak diberikan; minimal 10 karakter)."))
@click.option("--link", is_flag=True, help=_("Tanpa kata sandi: cetak tautan sekali pakai untuk pemilik akun."))
@click.option("--dry-run", is_flag=True, help=_("Periksa unit dan kata sandi tanpa membuat apa pun."))
def users_create(
    username: str,
    role: str,
    unit_slug: str | None,
    full_name: str,
    email: str,
    password: str | None,
    link: bool,
    dry_run: bool,
) -> None:
    # lazy: `portal --help` and every other command start without the web stack, argon2 and the tables
    from portal.security import unit_id_for_slug
    from portal.staff_accounts import AccountError, create_account, issue_password_link

    if password is None and not link:
        password = click.prompt(_("Kata sandi"), hide_input=True, confirmation_prompt=True)

    async def go() -> tuple[int, str]:
        unit_id = None
        if unit_slug:
            unit_id = await unit_id_for_slug(unit_slug)
            if unit_id is None:
                raise click.ClickException(_("Unit '{slug}' tidak ditemukan.").format(slug=unit_slug))
        try:
            user_id = await create_account(
                None, username=username, password=password, role=role, unit_id=unit_id, full_name=full_name,
                email=email, actor_name="cli", dry_run=dry_run,
            )  # fmt: skip
        except AccountError as exc:
            raise click.ClickException(" ".join(exc.errors.values())) from exc
        url = ""
        if link and not dry_run:
            url = (await issue_password_link(None, user_id, actor_name="cli")).url(_base_url())
        return user_id, url

    user_id, url = run(go())
    if dry_run:
        message = _("Uji coba: akun {username} ({role}) dapat dibuat; tidak ada yang disimpan.")
        click.echo(message.format(username=username, role=role))
        return
    click.echo(_("Akun {username} ({role}) dibuat dengan id {id}.").format(username=username, role=role, id=user_id))
    if url:
        _echo_link(url)


def _base_url() -> str:
    # lazy: `portal --help` and every other command start without the web stack, argon2 and the tables
    from portal.settings import get_settings

    return get_settings().base_url


def _echo_link(url: str) -> None:
    click.echo(_("Tautan sekali pakai untuk membuat kata sandi (berikan kepada pemilik akun; tidak ditampilkan lagi):"))
    click.echo(url)


@users.command("reset-link", help=_("Buat tautan sekali pakai agar pemilik akun membuat kata sandi baru."))
@click.argument("username")
def users_reset_link(username: str) -> None:
    # lazy: `portal --help` and every other command start without the web stack, argon2 and the tables
    from portal.staff_accounts import AccountError, AccountNotFound, id_for_username, issue_password_link

    async def go() -> str:
        try:
            link = await issue_password_link(None, await id_for_username(username), actor_name="cli")
        except AccountNotFound as exc:
            raise click.ClickException(_("Akun '{username}' tidak ditemukan.").format(username=username)) from exc
        except AccountError as exc:
            raise click.ClickException(" ".join(exc.errors.values())) from exc
        return link.url(_base_url())

    _echo_link(run(go()))


def _set_active(username: str, active: bool) -> bool:
    # lazy: `portal --help` and every other command start without the web stack, argon2 and the tables
    from portal.staff_accounts import AccountError, AccountNotFound, id_for_username, set_active

    async def go() -> bool:
        try:
            return await set_active(None, await id_for_username(username), active, actor_name="cli")
        except AccountNotFound as exc:
            raise click.ClickException(_("Akun '{username}' tidak ditemukan.").format(username=username)) from exc
        except AccountError as exc:
            raise click.ClickException(" ".join(exc.errors.values())) from exc

    return run(go())


@users.command("deactivate", help=_("Nonaktifkan akun staf (tidak dapat masuk lagi; sesinya berakhir)."))
@click.argument("username")
def users_deactivate(username: str) -> None:
    changed = _set_active(username, False)
    message = _("Akun {username} dinonaktifkan.") if changed else _("Akun {username} sudah nonaktif.")
    click.echo(message.format(username=username))


@users.command("activate", help=_("Aktifkan kembali akun staf yang dinonaktifkan."))
@click.argument("username")
def users_activate(username: str) -> None:
    changed = _set_active(username, True)
    message = _("Akun {username} diaktifkan kembali.") if changed else _("Akun {username} sudah aktif.")
    click.echo(message.format(username=username))


@users.command("unlock", help=_("Buka akun staf yang terkunci setelah gagal masuk (hitungan gagal dihapus)."))
@click.argument("username")
def users_unlock(username: str) -> None:
    # lazy: `portal --help` and every other command start without the web stack, argon2 and the tables
    from portal.login_guard import unlock_by_admin

    if not run(unlock_by_admin(username, actor_name="cli")):
        raise click.ClickException(_("Akun '{username}' tidak ditemukan.").format(username=username))
    click.echo(_("Akun {username} dibuka kembali.").format(username=username))


@main.group(help=_("Terjemahan (teks sumber bahasa Indonesia, katalog bahasa Inggris)."))
def i18n() -> None:
    pass


@i18n.command(
    "update",
    help=_("Ekstrak teks PACKAGE (portal, complaints, surveys, evaluation_link, ml) ke berkas .po-nya."),
)
@click.argument("package")
def i18n_update(package: str) -> None:
    # lazy: `portal --help` and every other command start without the web stack, argon2 and the tables
    from portal.i18n_tools import update

    for language, count in update(package).items():
        click.echo(f"{package}/{language}: {count} untranslated")


def _register_domain_commands() -> None:
    for command in cli_commands():
        main.add_command(command)


_register_domain_commands()
with_short_help([main])  # portal's own commands and the ml group (ml does not import portal)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
