"""One error family with exit codes, converted to exit codes (CLI) and HTTP
responses (web) in one place each (ARCHITECTURE habit 1)."""

from __future__ import annotations

from enum import IntEnum

from .domain.vocab import ErrorCode


class ExitCode(IntEnum):
    OK = 0
    INTERNAL = 1
    USAGE = 2
    INPUT_FILE = 3  # a CSV or path given on the command line is bad
    NOT_FOUND = 4
    CONFLICT = 5  # a claim lost, a decision on a decided item
    DATABASE = 6
    POLICY = 7  # the policy file is invalid
    PERMISSION = 8


class CecintakeError(Exception):
    """Base of every error we raise on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL
    http_status: int = 500

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ConfigError(CecintakeError):
    exit_code = ExitCode.USAGE
    http_status = 500


class InputFileError(CecintakeError):
    """A file the user named (CSV, manifest, path) cannot be used."""

    exit_code = ExitCode.INPUT_FILE
    http_status = 400


class CsvRowError(InputFileError):
    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}, line {line}: {message}")
        self.path = path
        self.line = line


class NotFoundError(CecintakeError):
    exit_code = ExitCode.NOT_FOUND
    http_status = 404


class ConflictError(CecintakeError):
    exit_code = ExitCode.CONFLICT
    http_status = 409


class PermissionDenied(CecintakeError):
    exit_code = ExitCode.PERMISSION
    http_status = 403


class StorageError(CecintakeError):
    exit_code = ExitCode.DATABASE
    http_status = 503


class PolicyError(CecintakeError):
    """The policy file is invalid; the message names the key."""

    exit_code = ExitCode.POLICY
    http_status = 500


class DocumentProcessingError(CecintakeError):
    """One document could not be read. Recorded on the document, never stops a batch."""

    def __init__(self, code: ErrorCode, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.transient = transient


class ParseError(CecintakeError, ValueError):
    """A text parser (dates, hours, codes, schedules) found nothing it could parse."""

    exit_code = ExitCode.USAGE
    http_status = 422
