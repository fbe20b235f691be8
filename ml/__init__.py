"""Complaint topic & service-quality aspect classifier (framework-free).

Nothing in this package imports Litestar, Piccolo or another package of the project: the officers'
corrections and the model history reach :mod:`ml.cli` through the :class:`ml.cli.Host` that the complaints
manifest connects.
"""
