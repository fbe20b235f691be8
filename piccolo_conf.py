"""Piccolo configuration: the engine comes from DATABASE_URL (SQLite file by default)."""

from piccolo.conf.apps import AppRegistry

from portal.db import database_url, engine_from_url
from portal.domains import piccolo_apps

DB = engine_from_url(database_url())

APP_REGISTRY = AppRegistry(apps=piccolo_apps())
