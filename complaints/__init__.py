"""The complaints domain: Piccolo app (complaints.piccolo_app), services, and Litestar routes (complaints.web)."""
