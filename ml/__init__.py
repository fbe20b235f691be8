"""Complaint topic & service-quality aspect classifier (framework-free).

Nothing in this package imports Litestar or Piccolo; only :mod:`ml.cli` lazily imports
``complaints.feedback`` when ``--include-feedback`` is used.
"""
