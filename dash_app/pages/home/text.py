"""Text of the home page (it only sends each person to their starting page)."""

TEXT = {
    "home.title": {"fr": "Accueil", "en": "Home"},
}
