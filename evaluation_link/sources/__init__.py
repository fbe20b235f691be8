"""Read-only queries over other domains' tables that produce the raw facts for the indicators."""
