"""Where a buffered HTTP/1.1 request ends (or why it is handed over unread)."""

from __future__ import annotations

import pytest

from scoring_api.request_buffer import HAND_OVER, expects_continue, request_end

HEAD_CAP = 200
BODY_CAP = 10
GET = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
POST = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n"
CHUNKED = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
CHUNKED_WHOLE = CHUNKED + b"3\r\nabc\r\n0\r\n\r\n"
CHUNKED_TRAILER = CHUNKED + b"3;ext=1\r\nabc\r\n0\r\nX-T: 1\r\n\r\n"


@pytest.mark.parametrize(
    ("buffer", "expected"),
    [
        (GET[:-2], None),  # head not finished
        (GET, len(GET)),
        (GET + b"GET /next", len(GET)),  # a pipelined request stays for later
        (POST + b"abc", None),  # body not all in
        (POST + b"abcde", len(POST) + 5),
        (POST.replace(b"5", b"11") + b"x" * 11, HAND_OVER),  # over the body cap: app answers 413
        (POST.replace(b"5", b"-1"), HAND_OVER),  # not a length: gunicorn answers 400
        (b"GET /" + b"a" * HEAD_CAP, HAND_OVER),  # head past its cap: gunicorn answers 400
        (CHUNKED + b"3\r\nabc\r\n", None),
        (CHUNKED + b"3\r\nabc\r\n0\r\n", None),
        (CHUNKED_WHOLE + GET, len(CHUNKED_WHOLE)),
        (CHUNKED_TRAILER, len(CHUNKED_TRAILER)),
        (CHUNKED + b"zz\r\n", HAND_OVER),  # not a chunk size
        (CHUNKED + b"b\r\n", HAND_OVER),  # chunks past the body cap
    ],
)
def test_request_end(buffer: bytes, expected: int | None) -> None:
    assert request_end(buffer, HEAD_CAP, BODY_CAP) == expected


@pytest.mark.parametrize(
    ("buffer", "expected"),
    [(POST, False), (POST.replace(b"Host: x", b"Expect: 100-Continue"), True), (b"POST /", False)],
)
def test_expects_continue(buffer: bytes, expected: bool) -> None:
    assert expects_continue(buffer) is expected
