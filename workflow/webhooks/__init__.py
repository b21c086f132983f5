"""Webhooks: a seller's endpoints and secrets, the events written for them, and which URLs they may point at."""
