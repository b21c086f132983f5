"""The worker process: not HTTP. It delivers what the outboxes hold and runs the clocks."""
