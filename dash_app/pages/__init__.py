"""Dash pages: one package a page, the only module of it Dash imports being its ``page``.

Dash imports every module of this folder that names its page-registering call, so only a
package's ``page`` module (``not_found_404`` for the unknown address: Dash's own name) makes
it; beside it: ``callbacks`` (``register_callbacks(app)``), ``sections`` (its layout pieces,
no fetching), ``text`` (its part of the UI text catalogue) and ``ids`` (its component ids).
Besides Dash's own keys, a page registers:

- ``roles``: the roles it admits (``access.ADVISOR_ROLES``, ...; ``access.ANYONE``), applied
  to its layout by ``access.guard_pages``;
- ``callbacks``: its ``register_callbacks``, called with the app by ``create_dash``;
- ``nav`` (and ``nav_roles``): the text key of its link in the shell's navigation (sorted by
  ``order``), and who sees the link when not every role the page admits;
- ``charts``: it draws charts (plotly.js loads with the page).
"""
