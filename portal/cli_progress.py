"""Progress shown on stderr while a long CLI command works (training, backup, imports, demo data).

`working(label)` shows an animated indicator with the elapsed seconds when stderr is a terminal, and
one start line and one end line otherwise (logs, cron mail). Output on stdout is unchanged, so scripts
that parse it keep working.
"""

from __future__ import annotations

import itertools
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import click

from portal.i18n import gettext as _

_FRAMES = "|/-\\"


@contextmanager
def working(label: str, interval: float = 0.2) -> Iterator[None]:
    stream = sys.stderr
    started = time.monotonic()
    interactive = stream.isatty()
    stop = threading.Event()

    def spin() -> None:
        for frame in itertools.cycle(_FRAMES):
            if stop.wait(interval):
                return
            stream.write(f"\r{frame} {label} {time.monotonic() - started:5.0f} s")
            stream.flush()

    if interactive:
        thread = threading.Thread(target=spin, daemon=True)
        thread.start()
    else:
        click.echo(f"{label}...", err=True)
    ok = False
    try:
        yield
        ok = True
    finally:
        if interactive:
            stop.set()
            thread.join()
            stream.write("\r\033[K")
        elapsed = time.monotonic() - started
        outcome = _("selesai") if ok else _("gagal")
        click.echo(f"{label}: {outcome} ({elapsed:.1f} s)", err=True)
