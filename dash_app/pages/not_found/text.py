"""Text of the page shown for an unknown address."""

TEXT = {
    "not_found.title": {"fr": "Page introuvable", "en": "Page not found"},
    "not_found.body": {
        "fr": "Cette page n'existe pas. Revenez à l'accueil.",
        "en": "This page does not exist. Go back to the home page.",
    },
    "not_found.home": {"fr": "Accueil", "en": "Home"},
}
