"""Brotli and gzip on every text response the browser accepts them for (Flask-Compress).

Registered first in the factory, so it runs after every other response hook: the bytes it
compresses are the final ones, and ``Vary: Accept-Encoding`` goes on every response (a shared
cache never hands a brotli body to a browser that did not ask for one). Already compressed
formats (woff/woff2 fonts, PNG images, the Parquet exports) are not in the list.

BREACH (a secret and attacker-reflected input compressed together, read from the sizes):
session credentials travel only in headers, which are never compressed; the one secret in a
body, the sign-in form's token, is masked afresh in every response (``dash_app/pages/
sign_in.py``), so no two bodies share it and its length says nothing.
"""

from __future__ import annotations

from flask import Flask, Response
from flask_compress import Compress

# Text formats only; the order of the algorithms is the server's preference at equal quality.
COMPRESSED_TYPES = (
    "text/html",
    "text/css",
    "text/plain",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
    "image/x-icon",
    "image/vnd.microsoft.icon",
)
ALGORITHMS = ("br", "gzip")
# Files are read whole first (``_read_files_whole``); what is still streamed gets brotli
# only: Flask-Compress streams brotli, zstd and deflate, not gzip.
STREAMING_ALGORITHMS = ("br",)
# Brotli quality (0-11): 5 compresses plotly.js here at 47 MB/s, into 12 % more bytes than
# quality 11 does at 0.8 MB/s (too slow to run per request)
BROTLI_QUALITY = 5
MIN_BYTES = 500  # smaller bodies gain less than the header costs


def init_compression(app: Flask) -> None:
    """Compress the app's text responses the browser accepts compressed."""
    app.config.update(
        COMPRESS_MIMETYPES=list(COMPRESSED_TYPES),
        COMPRESS_ALGORITHM=list(ALGORITHMS),
        COMPRESS_ALGORITHM_STREAMING=list(STREAMING_ALGORITHMS),
        COMPRESS_BR_LEVEL=BROTLI_QUALITY,
        COMPRESS_MIN_SIZE=MIN_BYTES,
    )
    Compress(app)
    app.after_request(_read_files_whole)  # registered after: runs just before compression


def _read_files_whole(response: Response) -> Response:
    """Read a text file's body whole: compressed with either algorithm, sized, closed at once.

    ``send_file`` streams a file; the text files served (scripts, styles, the plotly.js build)
    are at most a few MB, and a streamed body would lose gzip and its ``Content-Length``.
    """
    if response.direct_passthrough and response.mimetype in COMPRESSED_TYPES:
        response.direct_passthrough = False
        response.make_sequence()
        response.close()  # the file; the bytes stay in the response
    return response
