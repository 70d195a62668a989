"""Content-addressed store for original uploads: written once, never modified.

Layout: ``<store>/ab/cd/<sha256>``. A write goes to a temporary file in the same
folder, is fsynced, then renamed into place, so a crash or a full disk never
leaves a partial original under its final name.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from ..domain import ErrorCode
from ..errors import DocumentProcessingError, StorageError


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise StorageError(f"not a sha256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` (idempotent) and return its sha256."""
        digest = sha256_of(data)
        final = self.path_for(digest)
        if final.exists() and final.stat().st_size == len(data):
            return digest
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            self._commit(tmp, digest, len(data))
        except OSError as exc:
            raise self._failed(tmp, exc) from exc
        return digest

    def _commit(self, tmp: str, digest: str, size: int) -> None:
        """Move a fully written, fsynced temporary file to its address, read-only (or drop it
        when the same bytes are already there)."""
        final = self.path_for(digest)
        if final.exists() and final.stat().st_size == size:
            Path(tmp).unlink()
            return
        final.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(tmp, final)

    @staticmethod
    def _failed(tmp: str, exc: OSError) -> DocumentProcessingError:
        Path(tmp).unlink(missing_ok=True)
        return DocumentProcessingError(ErrorCode.INTERNAL, f"could not store the original ({exc.strerror})",
                                       transient=True)

    def put_file(self, path: Path, *, chunk: int = 1 << 20) -> tuple[str, int]:
        """Stream a file into the store (hashing as it copies). Returns (sha256, size)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        digest, size = hashlib.sha256(), 0
        try:
            with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
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
