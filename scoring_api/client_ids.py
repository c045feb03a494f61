"""Client ids in URLs are ASCII digits: ``²`` or ``١٢٣`` are not ids (``str.isdigit`` says yes)."""

from __future__ import annotations

import re

from flask import Flask
from werkzeug.routing import IntegerConverter

ASCII_DIGITS = re.compile(r"[0-9]+")


def is_ascii_digits(text: str) -> bool:
    """Tell whether a text is one or more ASCII digits and nothing else."""
    return ASCII_DIGITS.fullmatch(text) is not None


class AsciiIntegerConverter(IntegerConverter):
    """Werkzeug's ``<int:...>`` matching ASCII digits only (its ``\\d+`` takes any script's)."""

    regex = ASCII_DIGITS.pattern


def use_ascii_int_converter(app: Flask) -> None:
    """Make ``<int:...>`` in the app's routes match ASCII digits only (before adding routes)."""
    app.url_map.converters["int"] = AsciiIntegerConverter
