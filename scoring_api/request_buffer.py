"""Where an HTTP/1.1 request held in a buffer ends: the head, then the body it announces.

The buffering worker (``scoring_api/buffering_worker.py``) reads requests without a thread
and hands one to a thread only when ``request_end`` finds its last byte. This module only
decides when to stop waiting: gunicorn's own parser still parses (and refuses) what it gets,
so anything this scanner cannot read (a bad length, a bad chunk, a head past its cap) is
handed over at once, to be refused there with a 400 from bytes already in memory.
"""

from __future__ import annotations

HEAD_END = b"\r\n\r\n"
CRLF = b"\r\n"
HAND_OVER = -1  # the request cannot be read further here: give the buffer to gunicorn now


def request_end(buffer: bytes | bytearray, head_cap: int, body_cap: int) -> int | None:
    """Return the offset just past the first request, None when bytes are missing, or HAND_OVER.

    ``head_cap`` bounds the head (request line and header fields); ``body_cap`` the body
    (the app's MAX_BODY_BYTES): a longer announced body is handed over at once, since the app
    refuses it (413) from its headers without reading it.
    """
    head_end = buffer.find(HEAD_END, 0, head_cap + len(HEAD_END))
    if head_end < 0:
        return HAND_OVER if len(buffer) >= head_cap + len(HEAD_END) else None
    body_start = head_end + len(HEAD_END)
    headers = _header_fields(bytes(buffer[:head_end]))
    if b"chunked" in headers.get(b"transfer-encoding", b"").lower():
        return _chunked_end(buffer, body_start, body_cap)
    length = headers.get(b"content-length", b"0").strip()
    if not length.isdigit() or int(length) > body_cap:
        return HAND_OVER
    end = body_start + int(length)
    return end if len(buffer) >= end else None


def expects_continue(buffer: bytes | bytearray) -> bool:
    """Tell whether a complete head asks for ``100 Continue`` before its body."""
    head_end = buffer.find(HEAD_END)
    headers = _header_fields(bytes(buffer[:head_end])) if head_end >= 0 else {}
    return headers.get(b"expect", b"").strip().lower() == b"100-continue"


def _header_fields(head: bytes) -> dict[bytes, bytes]:
    """Return the head's fields by lower-case name (repeated names joined by commas)."""
    fields: dict[bytes, bytes] = {}
    for line in head.split(CRLF)[1:]:
        name, _, value = line.partition(b":")
        key = name.strip().lower()
        fields[key] = fields[key] + b"," + value.strip() if key in fields else value.strip()
    return fields


def _chunked_end(buffer: bytes | bytearray, start: int, body_cap: int) -> int | None:
    """Return the end of a chunked body starting at ``start`` (None: incomplete; HAND_OVER)."""
    position, total = start, 0
    while True:
        line_end = buffer.find(CRLF, position)
        if line_end < 0:
            return None
        size_text = bytes(buffer[position:line_end]).split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return HAND_OVER
        total += size
        if size < 0 or total > body_cap:
            return HAND_OVER
        if size == 0:  # trailer fields (usually none), then an empty line
            trailers_end = buffer.find(CRLF, line_end + len(CRLF))
            if trailers_end == line_end + len(CRLF):
                return trailers_end + len(CRLF)
            trailers_end = buffer.find(HEAD_END, line_end)
            return None if trailers_end < 0 else trailers_end + len(HEAD_END)
        position = line_end + len(CRLF) + size + len(CRLF)
        if position > len(buffer):
            return None
