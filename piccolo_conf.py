"""Piccolo configuration: the engine comes from DATABASE_URL (SQLite file by default)."""

from piccolo.conf.apps import AppRegistry

from portal.db import database_url, engine_from_url

DB = engine_from_url(database_url())

APP_REGISTRY = AppRegistry(
    apps=[
        "portal.piccolo_app",
        "complaints.piccolo_app",
        "complaints.open311.piccolo_app",
        "surveys.piccolo_app",
        "evaluation_link.piccolo_app",
    ]
)
