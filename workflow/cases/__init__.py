"""Feedback cases: the state machine and its guards, the use cases, how a case is shown, and its history."""
