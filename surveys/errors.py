"""The surveys domain's errors: each carries a message for the user and the form field it belongs to."""

from __future__ import annotations


class SurveyError(Exception):
    """A domain error with a message for the user (already in the request's language)."""

    def __init__(self, message: str, field: str = "__all__") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(SurveyError):
    pass
