"""The evaluation_link domain: PEKPPP figures, scores and the index for each unit and year."""
