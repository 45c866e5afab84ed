"""The REST API and the web UI it serves: `create_app(store=None, token=None) -> FastAPI`."""

from wirewatch.api.app import create_app

__all__ = ["create_app"]
