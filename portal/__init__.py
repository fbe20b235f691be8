"""Portal Pelayanan Publik: composition root, settings, auth and the service-standards catalogue."""

__version__ = "0.1.0"
