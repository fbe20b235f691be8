"""Click commands of the evaluation_link domain, added to the `portal` command by portal.cli."""

COMMANDS: list = []
