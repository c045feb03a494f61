"""UI text shared by pages (shell, navigation, access, errors, decisions, shared components).

Each module holds ``TEXT = {key: {"fr": ..., "en": ...}}``; a page's own text is in its
package (``dash_app/pages/<page>/text.py``).
"""
