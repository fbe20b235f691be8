"""Tables of the evaluation_link app."""
