"""Errors services raise for the user to see; views and the API turn them into responses."""


class ValidationFailed(Exception):
    """Bad input; `errors` maps a field name (or "" for the whole form) to a message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" if k else v for k, v in errors.items()))


class ConflictError(Exception):
    """Someone else saved first (version check); nothing was changed."""
