"""The reviewers' web interface (FastAPI, Jinja templates, plain forms)."""

from .app import create_app

__all__ = ["create_app"]
