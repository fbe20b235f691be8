"""`-h` as well as `--help` on every command of the `portal` CLI.

click keeps each command's help option from the first time the command runs: a command first run on its
own (a test, another entry point) rather than under `portal` would keep only `--help` for good. So the names
are set on every command of a tree when a domain declares its COMMANDS, however the command is reached later.
"""

from __future__ import annotations

import click

HELP_OPTION_NAMES = ["-h", "--help"]
CONTEXT_SETTINGS = {"help_option_names": HELP_OPTION_NAMES}


def with_short_help(commands: list[click.Command]) -> list[click.Command]:
    """The same commands, each of them and their subcommands answering `-h` too."""
    stack = list(commands)
    while stack:
        command = stack.pop()
        command.context_settings.setdefault("help_option_names", HELP_OPTION_NAMES)
        if isinstance(command, click.Group):
            stack.extend(command.commands.values())
    return commands
