"""Errors of some records of a file (or some files of a folder) while the rest was read.

A reader of records (JSON Lines, CSV, a folder) yields every good document first and
raises :class:`PartialInputError` at the end, carrying one :class:`~dkg.errors.InputError`
per bad record. A caller that iterates the reader has already received the good
documents when the error arrives, so nothing good is lost; ``dkg ingest`` prints and
counts each record error.

Examples
--------
>>> problems = RecordProblems("a.jsonl")
>>> problems.add("line 3: not valid JSON", "fix the line")
>>> problems.add("line 5: the body is empty", "give the record a body")
>>> error = problems.error(read=8)
>>> error.reason
'2 of 10 records could not be read; line 3: not valid JSON; line 5: the body is empty'
>>> [str(each) for each in error.errors][:1]
['a.jsonl: line 3: not valid JSON (fix the line)']
"""

from __future__ import annotations

from dkg.errors import InputError

__all__ = ["PartialInputError", "RecordProblems"]

_LISTED = 3


class PartialInputError(InputError):
    """Some records of an input failed while the others were read; ``errors`` holds one per record."""

    def __init__(self, path: str, errors: list[InputError], read: int, unit: str = "records") -> None:
        self.errors = errors
        self.read = read
        self.unit = unit
        listed = "; ".join(error.reason for error in errors[:_LISTED])
        more = f"; and {len(errors) - _LISTED} more" if len(errors) > _LISTED else ""
        reason = f"{len(errors)} of {len(errors) + read} {unit} could not be read; {listed}{more}"
        hint = f"the other {read} were read; fix the bad {unit} and read the file again"
        super().__init__(path, reason, hint)

    def __reduce__(self) -> tuple:
        return (type(self), (self.path, self.errors, self.read, self.unit))


class RecordProblems:
    """Collects the errors of one file's records, to raise them together after the good ones."""

    def __init__(self, path: str, unit: str = "records") -> None:
        self.path = path
        self.unit = unit
        self.errors: list[InputError] = []

    def add(self, reason: str, hint: str) -> None:
        self.errors.append(InputError(self.path, reason, hint))

    def error(self, read: int) -> PartialInputError | None:
        """The error to raise after ``read`` good records; ``None`` when all were good."""
        return PartialInputError(self.path, self.errors, read, self.unit) if self.errors else None
