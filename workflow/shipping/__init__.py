"""The shipper's side: documentation requests (their own state machine), answers, fault
findings, penalties and scorecards."""
