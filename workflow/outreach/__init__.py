"""Asking the buyer: templates and their rendering, Amazon's messaging rules, the
removal-request mailer, previews, template overrides and suppressions."""
