"""Services of the complaints domain: every query and write goes through these modules."""
