"""bilat: evidence-linked records of relations between countries, from news and official statements."""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "open"]


def open(db: str = "bilat.db", create: bool = True, readonly: bool = False):  # noqa: A001
    """Open (or create) a store; see :mod:`bilat.api`."""
    from .api import open as _open

    return _open(db, create=create, readonly=readonly)
