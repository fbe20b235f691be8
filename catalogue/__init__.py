"""The public service-standards catalogue: units, Maklumat Pelayanan and versioned Standar Pelayanan."""
