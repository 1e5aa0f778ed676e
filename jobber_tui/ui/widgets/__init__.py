"""Widgets of the UI, one per file."""
