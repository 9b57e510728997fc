"""The record in a browser: pages, an HTTP API and exports served by ``onrecord serve``."""

from .app import Settings, create_app

__all__ = ["Settings", "create_app"]
