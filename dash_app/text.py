"""The UI text catalogue: every string shown to people, in French (default) and English.

Strings live in ``dash_app/catalogue/<part>.py`` as ``TEXT = {key: {"fr": ..., "en": ...}}``
(one module per page, keys prefixed by the page); ``t(key, lang, **values)`` formats one. A text
that depends on a number has one key per CLDR plural category, ``<key>.one``, ``<key>.other``
(and ``.many`` ... where a language needs it); ``t_plural`` picks the one Babel's rule gives.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Any

from flask import current_app, has_request_context, request

from model_training.presentation.formats import LANGUAGES, is_missing, plural_category

DEFAULT_LANGUAGE = "fr"
LANG_COOKIE = "lang"
LANGUAGE_CONFIG_KEY = "DASHBOARD_LANGUAGE"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return every UI string, merged from the catalogue modules (duplicate keys refused)."""
    from dash_app import catalogue as package  # noqa: PLC0415 (merged once, on first use)

    merged: dict[str, dict[str, str]] = {}
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        for key, texts in module.TEXT.items():
            if key in merged:
                raise ValueError(f"UI text key {key!r} is defined twice (in {module_info.name}).")
            missing = [lang for lang in LANGUAGES if lang not in texts]
            if missing:
                raise ValueError(f"UI text key {key!r} has no {', '.join(missing)} text.")
            merged[key] = texts
    return merged


def t(key: str, lang: str, **values: Any) -> str:
    """Return the text of a key in a language, formatted with ``values``."""
    text = catalogue()[key][lang if lang in LANGUAGES else DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def t_plural(key: str, number: float | None, lang: str, decimals: int = 0, **values: Any) -> str:
    """Return the key's form for ``number`` shown with ``decimals`` (missing: ``other``)."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    category = "other"
    if number is not None and not is_missing(number):
        category = plural_category(number, lang, decimals)
    form = f"{key}.{category}"
    return t(form if form in catalogue() else f"{key}.other", lang, **values)


def current_lang() -> str:
    """Return the browser's language (cookie), else the server's configured default."""
    default = DEFAULT_LANGUAGE
    if has_request_context():
        default = current_app.config.get(LANGUAGE_CONFIG_KEY, DEFAULT_LANGUAGE)
        chosen = request.cookies.get(LANG_COOKIE)
        if chosen in LANGUAGES:
            return chosen
    return default if default in LANGUAGES else DEFAULT_LANGUAGE
