"""The docs page at /api/v1/: plain links to each documentation UI, no script (CSP-safe).

flask-openapi3's own index opens its UIs from inline ``onclick`` handlers, which the app's
Content-Security-Policy blocks; this page is rendered in its place (``OPENAPI_HTML_STRING``).
"""

from __future__ import annotations

from flask import Flask

TEMPLATE_KEY = "OPENAPI_HTML_STRING"  # flask-openapi3 renders this Jinja text at the docs prefix
INDEX_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Prêt à dépenser scoring API: documentation</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 3rem auto; max-width: 40rem;
           padding: 0 1rem; line-height: 1.5; }
  </style>
</head>
<body>
  <main>
    <h1>Prêt à dépenser scoring API</h1>
    <p>Every route, its parameters, its answers and its errors:</p>
    <ul>
      {% for ui in ui_templates %}
      <li><a href="{{ ui.name }}">{{ ui.display_name }}</a> (interactive)</li>
      {% endfor %}
      <li><a href="openapi.json">openapi.json</a> (the OpenAPI 3.1 document)</li>
    </ul>
  </main>
</body>
</html>
"""


def init_docs_index(app: Flask) -> None:
    """Serve the script-free docs index at the API's docs prefix."""
    app.config[TEMPLATE_KEY] = INDEX_HTML
