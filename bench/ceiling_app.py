"""The ceiling of bench/api.py: a bare Flask JSON route under the same gunicorn settings."""

from flask import Flask

server = Flask(__name__)


@server.get("/ping")
def ping() -> dict[str, bool]:
    """Answer a constant JSON body."""
    return {"ok": True}
