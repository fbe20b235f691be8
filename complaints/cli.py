"""Click commands of the complaints domain, added to the `portal` command by portal.cli."""

COMMANDS: list = []
