"""Click commands of the surveys domain, added to the `portal` command by portal.cli."""

COMMANDS: list = []
