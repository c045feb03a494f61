"""The API's URL facts: its prefix and what a client id in a path is (no Flask import).

Light on purpose: the dashboard builds the same URLs and reads ids from its own paths.
"""

from __future__ import annotations

import re

API_PREFIX = "/api/v1"
# Client ids in URLs are ASCII digits: ``²`` or ``١٢٣`` are not ids (``str.isdigit`` says yes).
ASCII_DIGITS = re.compile(r"[0-9]+")


def is_ascii_digits(text: str) -> bool:
    """Tell whether a text is one or more ASCII digits and nothing else."""
    return ASCII_DIGITS.fullmatch(text) is not None
