"""Dash pages: one module a page (``register_page``, ``layout``, then its callbacks)."""
