"""Read-only queries of the evaluation_link domain: assessments (the sheet, the dashboard) and follow_up."""
