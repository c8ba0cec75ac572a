"""The web dashboard: ``create_app(db)`` builds the FastAPI app, ``serve(db, host, port)`` runs it."""
from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
