"""ARIA attributes for Dash components (``aria-*`` names are no Python keywords)."""

from __future__ import annotations

from typing import Any


def aria(**values: str) -> dict[str, Any]:
    """Return keyword arguments setting ARIA attributes: ``aria(live="polite")``."""
    return {f"aria-{name}": value for name, value in values.items()}
