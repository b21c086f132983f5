"""The domain of feedback-desk: the policy table, and a folder or module per concept (cases,
deadlines, outreach, delivery, webhooks, shipping, triage, intake)."""
