"""The gaming suite reuses the catalogue's world (two units, services, staff)."""

from tests.catalogue.conftest import catalogue  # noqa: F401 - a fixture
