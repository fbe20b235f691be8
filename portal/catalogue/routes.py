"""Catalogue routes: public pages, staff editing and the JSON API."""

from litestar import get
from litestar.response import Template


@get("/", name="home", include_in_schema=False)
async def home() -> Template:
    return Template(template_name="portal/home.html", context={})


CATALOGUE_HANDLERS: list = [home]
