"""The dashboard's addresses: which registered page a path opens, and the client it names.

Every address comes from Dash's page registry (a page's ``path_template``, else its ``path``);
its regular expression is built here only, each ``<variable>`` standing for one path part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import dash

from dash_app.text import current_lang, t
from scoring_api.urls import is_ascii_digits

MAX_ID_DIGITS = 12
CLIENT_VARIABLE = "client_id"  # the template variable of the pages of one client's file
TEMPLATE_VARIABLE = re.compile(r"<([^<>]+)>")
Page = Mapping[str, Any]


def page_template(page: Page) -> str:
    """Return a registered page's address, its variables written ``<name>``."""
    return str(page.get("path_template") or page["path"])


@cache
def address_pattern(template: str) -> re.Pattern[str]:
    """Return the regular expression of a page's address (a variable matches one path part)."""
    parts = TEMPLATE_VARIABLE.split(template)  # literal, name, literal, name, ..., literal
    pattern = "".join(
        f"(?P<{part}>[^/]+)" if index % 2 else re.escape(part) for index, part in enumerate(parts)
    )
    return re.compile(pattern + "/?")


def page_at(path: str) -> tuple[Page, dict[str, str]] | None:
    """Return the registered page at a path and the values of its address, or None."""
    for page in dash.page_registry.values():
        match = address_pattern(page_template(page)).fullmatch(path)
        if match is not None:
            return page, match.groupdict()
    return None


def page_address(template: str, values: Mapping[str, object]) -> str:
    """Return the path of a page's address for the values of its variables."""
    return TEMPLATE_VARIABLE.sub(lambda match: str(values.get(match[1])), template)


def is_page_path(path: str) -> bool:
    """Tell whether a path is one of the dashboard's registered pages."""
    return page_at(path) is not None


def draws_charts(path: str) -> bool:
    """Tell whether the page at this path draws charts (registered with ``charts=True``)."""
    found = page_at(path)
    return found is not None and bool(found[0].get("charts"))


def parse_client_id(raw: object) -> int | None:
    """Return a client id from a URL segment, or None when it is not 1-12 ASCII digits."""
    text = "" if raw is None else str(raw)
    if not is_ascii_digits(text) or len(text) > MAX_ID_DIGITS:
        return None
    return int(text)


def names_a_client(template: str) -> bool:
    """Tell whether a page's address holds a client number (a page of one client's file)."""
    return f"<{CLIENT_VARIABLE}>" in template


def is_malformed_client_path(path: str) -> bool:
    """Tell whether a path opens a client's page with something else than a client number."""
    found = page_at(path)
    if found is None or CLIENT_VARIABLE not in found[1]:
        return False
    return parse_client_id(found[1][CLIENT_VARIABLE]) is None


def is_known_address(path: str) -> bool:
    """Tell whether a path opens a registered page with a well-formed address."""
    return is_page_path(path) and not is_malformed_client_path(path)


def client_page_title(generic_key: str, key: str) -> Callable[..., str]:
    """Return a page-title function: the client's number when the address holds one."""

    def title(client_id: str | None = None, **_: object) -> str:
        lang = current_lang()
        number = parse_client_id(client_id)
        if number is None:
            return t(generic_key, lang)
        return t(key, lang, client_id=number)

    return title
