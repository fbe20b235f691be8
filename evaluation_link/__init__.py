"""The evaluation_link domain: Piccolo app (evaluation_link.piccolo_app), services, and Litestar routes (evaluation_link.routes)."""
