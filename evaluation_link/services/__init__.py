"""Writers of the evaluation_link domain: every write, its audit row and its stored figures in one transaction.

assessments (the F-01 sheet and its cycle), follow_up (recommendations and actions), coordination
(deadlines, refreshing the stored figures), tokens (evaluator API tokens)."""
