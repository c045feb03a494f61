"""The strings inside a Dash component tree, for tests of layout helpers (no browser)."""

from __future__ import annotations

from typing import Any


def texts(component: Any) -> list[str]:
    """Return the strings inside a component tree, in order."""
    children = getattr(component, "children", component)
    if isinstance(children, str):
        return [children]
    if isinstance(children, list | tuple):
        return [text for child in children for text in texts(child)]
    return [] if children is None or children is component else texts(children)
