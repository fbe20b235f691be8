"""Demo data of the evaluation_link domain, loaded by `portal demo` after the catalogue."""


async def load_demo(context: dict) -> None:
    """context holds what earlier loaders created (e.g. context["units"] by slug)."""
