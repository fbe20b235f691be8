"""The surveys domain (SKM): Piccolo app (surveys.piccolo_app), writers (surveys.services), reads
(surveys.queries) and Litestar routes (surveys.web), reached through surveys.manifest."""
