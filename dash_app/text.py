"""The UI text catalogue: every string shown to people, in French (default) and English.

Strings live as ``TEXT = {key: {"fr": ..., "en": ...}}``: a page's in its package's ``text``
module (``dash_app/pages/<page>/text.py``, keys prefixed by the page), the text shared by
pages (shell, navigation, access, errors, decisions, the shared components) in
``dash_app/catalogue/``; ``t(key, lang, **values)`` formats one. A text that depends on a
number has one key per CLDR plural category, ``<key>.one``, ``<key>.other`` (and ``.many`` ...
where a language needs it); ``t_plural`` picks the one Babel's rule gives.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Iterator
from functools import cache
from types import ModuleType
from typing import Any

from flask import current_app, has_request_context, request

from dash_app import catalogue as shared_catalogue
from dash_app import pages
from model_training.presentation.formats import LANGUAGES, is_missing, plural_category

DEFAULT_LANGUAGE = "fr"
LANG_COOKIE = "lang"
LANGUAGE_CONFIG_KEY = "DASHBOARD_LANGUAGE"
TEXT_MODULE = "text"  # a page package's part of the catalogue


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return every UI string, merged from the catalogue modules (duplicate keys refused)."""
    merged: dict[str, dict[str, str]] = {}
    for module in catalogue_modules():
        for key, texts in module.TEXT.items():
            if key in merged:
                raise ValueError(f"UI text key {key!r} is defined twice (in {module.__name__}).")
            missing = [lang for lang in LANGUAGES if lang not in texts]
            if missing:
                raise ValueError(f"UI text key {key!r} has no {', '.join(missing)} text.")
            merged[key] = texts
    return merged


def catalogue_modules() -> Iterator[ModuleType]:
    """Yield the shared catalogue's modules, then each page package's ``text`` module."""
    for module_info in pkgutil.iter_modules(shared_catalogue.__path__):
        yield importlib.import_module(f"{shared_catalogue.__name__}.{module_info.name}")
    for module_info in pkgutil.iter_modules(pages.__path__):
        name = f"{pages.__name__}.{module_info.name}.{TEXT_MODULE}"
        if module_info.ispkg and importlib.util.find_spec(name) is not None:
            yield importlib.import_module(name)


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
