"""The exception family of District Affairs Graph.

Every error the product raises on purpose derives from :class:`DkgError`, so a caller
(the CLI, the dashboard, a researcher's script) can catch one type::

    DkgError
    ├── SchemaError        the schema file is inconsistent
    ├── InputError         one input file cannot be read (the batch goes on)
    │   └── PartialInputError  some records of a file were bad, the good ones loaded
    │                          (loaders/readers/errors.py; one error per record)
    ├── StoreError         a store cannot be opened, written or queried
    │   └── StoreLockedError   another process is writing to the same store
    ├── QueryError         a query is malformed, or tries to change the graph
    └── NotAvailableError  a feature, extra or backend is not installed or built yet

Messages say what happened, where (path, article id, offset) and what to do.
"""

from __future__ import annotations


class DkgError(Exception):
    """Base of every error raised on purpose by dkg."""


class SchemaError(DkgError):
    """The schema file is inconsistent; the message names the type or property."""


class InputError(DkgError):
    """One input cannot be read; carries the path and the reason.

    Examples
    --------
    >>> str(InputError("a.txt", "the file is empty", "check the crawl"))
    'a.txt: the file is empty (check the crawl)'
    """

    def __init__(self, path: str, reason: str, hint: str = "") -> None:
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        message = f"{self.path}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason, "hint": self.hint}

    def __reduce__(self) -> tuple:
        # Keeps the fields when the error crosses processes (workers, Dask).
        return (type(self), (self.path, self.reason, self.hint))


class StoreError(DkgError):
    """A store cannot be opened, written or queried."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class QueryError(DkgError):
    """A query is malformed or would change the graph."""


class NotAvailableError(DkgError):
    """A feature is not installed (an optional extra), not built yet, or a service it needs is not there."""
