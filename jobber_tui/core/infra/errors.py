"""Errors the user can act on. The CLI maps them to exit codes; the UI to notifications."""

from __future__ import annotations


class JobberError(Exception):
    """Base of every error meant for the user: its message is one clear line."""

    exit_code = 1


class BadInput(JobberError):
    """The user asked for something invalid (unknown id, refused move, malformed data): exit 2."""

    exit_code = 2


class OperationFailed(JobberError):
    """A valid request that could not be carried out (PDF build failed, server down): exit 1."""

    exit_code = 1


class Cancelled(JobberError):
    """The user cancelled a long operation (a pipeline run); every job was left in a valid state."""

    exit_code = 130
