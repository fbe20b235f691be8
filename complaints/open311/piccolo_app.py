import os

from piccolo.conf.apps import AppConfig, table_finder

CURRENT_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

APP_CONFIG = AppConfig(
    app_name="open311",
    migrations_folder_path=os.path.join(CURRENT_DIRECTORY, "piccolo_migrations"),
    table_classes=table_finder(modules=["complaints.open311.tables"], exclude_imported=True),
    migration_dependencies=["portal.piccolo_app", "complaints.piccolo_app"],
    commands=[],
)
