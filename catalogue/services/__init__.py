"""Catalogue writes (the only writers of units, maklumat and service standards).

Each write and its audit row run in one `write_transaction()`; once committed, the write itself clears the
public page cache and the search index (`common.catalogue_changed`), so controllers never do.
"""

from catalogue.services.common import CatalogueError, catalogue_changed, slugify
from catalogue.services.standards import add_version, create_service, set_published
from catalogue.services.units import (
    REGISTRATION_FIELDS,
    adopt_maklumat,
    create_unit,
    update_unit,
    update_unit_registration,
)

__all__ = [
    "REGISTRATION_FIELDS",
    "CatalogueError",
    "add_version",
    "adopt_maklumat",
    "catalogue_changed",
    "create_service",
    "create_unit",
    "set_published",
    "slugify",
    "update_unit",
    "update_unit_registration",
]
