"""Storage: the only package that imports SQLModel/SQLAlchemy."""

from .blobs import BlobStore, sha256_of
from .db import make_engine, migrate, open_database, session_scope

__all__ = ["BlobStore", "sha256_of", "make_engine", "migrate", "open_database", "session_scope"]
