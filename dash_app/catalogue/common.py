"""Text shared by every page: shell, navigation, decisions, errors."""

from scoring_api.security.roles import Role

TEXT = {
    "app.name": {"fr": "Prêt à dépenser", "en": "Prêt à dépenser"},
    "app.tagline": {"fr": "Scoring crédit transparent", "en": "Transparent credit scoring"},
    "shell.skip": {"fr": "Aller au contenu", "en": "Skip to content"},
    "shell.nav": {"fr": "Navigation principale", "en": "Main navigation"},
    "shell.switch_language": {"fr": "English", "en": "Français"},
    "shell.switch_language_label": {
        "fr": "Switch to English",
        "en": "Passer en français",
    },
    "shell.signed_in_as": {"fr": "Connecté : {username}", "en": "Signed in: {username}"},
    "shell.sign_out": {"fr": "Se déconnecter", "en": "Sign out"},
    "shell.sign_in": {"fr": "Se connecter", "en": "Sign in"},
    "shell.model_version": {"fr": "Modèle {version}", "en": "Model {version}"},
    "shell.no_model": {"fr": "Aucun modèle chargé", "en": "No model loaded"},
    "shell.footer": {
        "fr": "Décision automatisée : vous pouvez demander un réexamen par un conseiller "
        "(RGPD, art. 22).",
        "en": "Automated decision: you may ask an advisor for a human review (GDPR, art. 22).",
    },
    "nav.clients": {"fr": "Clients", "en": "Clients"},
    "nav.new_application": {"fr": "Nouvelle demande", "en": "New application"},
    "nav.model": {"fr": "Le modèle", "en": "The model"},
    "nav.my_data": {"fr": "Mon dossier", "en": "My file"},
    f"role.{Role.ADVISOR}": {"fr": "conseiller", "en": "advisor"},
    f"role.{Role.CLIENT}": {"fr": "client", "en": "client"},
    f"role.{Role.ADMIN}": {"fr": "administrateur", "en": "administrator"},
    f"role.{Role.SERVICE}": {"fr": "service", "en": "service"},
    "decision.granted": {"fr": "Accordé", "en": "Granted"},
    "decision.refused": {"fr": "Refusé", "en": "Refused"},
    "decision.referred": {"fr": "Transmis à un conseiller", "en": "Referred to an advisor"},
    "access.sign_in_required": {
        "fr": "Connectez-vous pour voir cette page.",
        "en": "Sign in to see this page.",
    },
    "access.forbidden": {
        "fr": "Accès refusé : votre compte ne peut pas voir cette page.",
        "en": "Access refused: your account may not see this page.",
    },
    "access.own_file_only": {
        "fr": "Accès refusé : vous ne pouvez consulter que votre propre dossier.",
        "en": "Access refused: you may only see your own file.",
    },
    "error.title": {"fr": "Une erreur est survenue", "en": "Something went wrong"},
    "error.api": {
        "fr": "Le service de scoring a répondu : {message}",
        "en": "The scoring service answered: {message}",
    },
    "error.unavailable": {
        "fr": "Le service de scoring est momentanément indisponible. Réessayez dans un instant.",
        "en": "The scoring service is unavailable for a moment. Try again shortly.",
    },
    "error.no_such_client": {
        "fr": "Aucun client ne porte le numéro {client_id}.",
        "en": "There is no client with number {client_id}.",
    },
    "error.bad_client_id": {
        "fr": "« {client_id} » n'est pas un numéro de client.",
        "en": "“{client_id}” is not a client number.",
    },
    "loading": {"fr": "Chargement…", "en": "Loading…"},
    "download.done": {"fr": "Fichier {filename} téléchargé.", "en": "File {filename} downloaded."},
}

TEXT.update(
    {
        "client_nav.file": {"fr": "Décision et raisons", "en": "Decision and reasons"},
        "client_nav.compare": {"fr": "Comparer", "en": "Compare"},
        "client_nav.what_if": {"fr": "Et si…", "en": "What if…"},
        "client.heading": {"fr": "Client n° {client_id}", "en": "Client no. {client_id}"},
    }
)
