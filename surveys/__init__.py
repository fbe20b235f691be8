"""The surveys domain: Piccolo app (surveys.piccolo_app), services, and Litestar routes (surveys.routes)."""
