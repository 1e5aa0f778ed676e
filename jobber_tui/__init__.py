"""Jobber: a keyboard-driven terminal app for running a job search."""

__version__ = "0.1.0"
