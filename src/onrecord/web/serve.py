"""The application as ``onrecord serve`` starts it (a factory, so worker processes can build it too).

``serve`` puts its options in the environment; each uvicorn worker reads them here.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from .app import Settings, create_app


def app_from_environment() -> FastAPI:
    return create_app(Settings(
        db=os.environ["ONRECORD_SERVE_DB"],
        token=os.environ.get("ONRECORD_TOKEN") or None,
        allow_fetch=bool(os.environ.get("ONRECORD_SERVE_FETCH")),
        max_upload_bytes=int(os.environ.get("ONRECORD_SERVE_UPLOAD") or 5_000_000),
        max_uploads=int(os.environ.get("ONRECORD_SERVE_UPLOADS") or 20),
    ))
