"""Content-addressed store for original uploads: written once, never modified.

Layout: ``<store>/ab/cd/<sha256>``. A write goes to a temporary file in the same
folder, is fsynced, then renamed into place, so a crash or a full disk never
leaves a partial original under its final name.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path

from ..domain import ErrorCode
from ..errors import DocumentProcessingError, StorageError


_DIGEST = re.compile(r"[0-9a-f]{64}")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        if not isinstance(sha256, str) or _DIGEST.fullmatch(sha256) is None:
            raise StorageError(f"not a sha256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` (idempotent) and return its sha256."""
        digest = sha256_of(data)
        if not self._holds(self.path_for(digest), len(data)):
            self._write_new(data, digest)
        return digest

    def _write_new(self, data: bytes, digest: str) -> None:
        fd, tmp = self._temporary()
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            self._commit(tmp, digest, len(data))
        except OSError as exc:
            raise self._failed(tmp, exc) from exc

    def _temporary(self) -> tuple[int, str]:
        """A new temporary file in the store (the store's folder made on first use)."""
        try:
            return tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        except FileNotFoundError:
            self.root.mkdir(parents=True, exist_ok=True)
            return tempfile.mkstemp(dir=self.root, prefix=".incoming-")

    @staticmethod
    def _holds(final: Path, size: int) -> bool:
        try:
            return final.stat().st_size == size
        except FileNotFoundError:
            return False

    def _commit(self, tmp: str, digest: str, size: int) -> None:
        """Move a fully written, fsynced temporary file to its address, read-only (or drop it
        when the same bytes are already there). Folders are made when missing (asking first
        would cost a system call per file for folders that nearly always exist)."""
        final = self.path_for(digest)
        if self._holds(final, size):
            Path(tmp).unlink()
            return
        os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        try:
            os.replace(tmp, final)
        except FileNotFoundError:
            for folder in (final.parent.parent, final.parent):  # <store>/ab, then <store>/ab/cd
                try:
                    os.mkdir(folder)
                except FileExistsError:
                    pass
            os.replace(tmp, final)

    @staticmethod
    def _failed(tmp: str | None, exc: OSError) -> DocumentProcessingError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return DocumentProcessingError(ErrorCode.INTERNAL, f"could not store the original ({exc.strerror})",
                                       transient=True)

    def put_file(self, path: Path, *, chunk: int = 1 << 20) -> tuple[str, int]:
        """Store a file (idempotent), reading it once. Returns (sha256, size). A file smaller than
        ``chunk`` (nearly every upload) is hashed before anything is written, and not written
        when the store holds it already; a larger one is hashed as it is copied."""
        try:
            src = open(path, "rb")  # noqa: SIM115 - closed below, its errors reported as the copy's
        except OSError as exc:
            raise self._failed(None, exc) from exc
        with src:
            try:
                first = src.read(chunk)
            except OSError as exc:
                raise self._failed(None, exc) from exc
            if len(first) < chunk:  # the whole file
                digest = sha256_of(first)
                if not self._holds(self.path_for(digest), len(first)):
                    self._write_new(first, digest)
                return digest, len(first)
            return self._stream(src, first, chunk)

    def _stream(self, src, first: bytes, chunk: int) -> tuple[str, int]:  # noqa: ANN001 - an open binary file
        fd, tmp = self._temporary()
        digest, size = hashlib.sha256(first), len(first)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(first)
                while block := src.read(chunk):
                    digest.update(block)
                    out.write(block)
                    size += len(block)
                out.flush()
                os.fsync(out.fileno())
            self._commit(tmp, digest.hexdigest(), size)
        except OSError as exc:
            raise self._failed(tmp, exc) from exc
        return digest.hexdigest(), size

    def get(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        try:
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise StorageError(f"original {sha256} is missing from the store at {path}") from exc

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()
