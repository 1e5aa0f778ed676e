"""Webhooks: the events, the outbox in the store, and the background sender."""
