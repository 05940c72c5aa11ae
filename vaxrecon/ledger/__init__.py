"""The follow-up ledger: lists received, runs, and every row's outcome, in SQLite."""
