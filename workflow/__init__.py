"""The domain of feedback-desk: policy table, case state machine, services."""
