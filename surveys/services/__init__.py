"""The writers of the surveys domain: every insert, update and delete, each with its audit row in the same
transaction (periods, follow-up and publication, responses, quarantines)."""
