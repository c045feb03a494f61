"""Text of the sign-in page."""

TEXT = {
    "signin.title": {"fr": "Connexion", "en": "Sign in"},
    "signin.intro": {
        "fr": "Conseillers et clients : connectez-vous avec l'identifiant qui vous a été remis.",
        "en": "Advisors and clients: sign in with the username you were given.",
    },
    "signin.username": {"fr": "Identifiant", "en": "Username"},
    "signin.password": {"fr": "Mot de passe", "en": "Password"},
    "signin.submit": {"fr": "Se connecter", "en": "Sign in"},
    "signin.missing": {
        "fr": "Saisissez votre identifiant et votre mot de passe.",
        "en": "Enter your username and password.",
    },
    "signin.wrong": {
        "fr": "Identifiant ou mot de passe incorrect.",
        "en": "Wrong username or password.",
    },
    "signin.expired": {
        "fr": "Le formulaire a expiré : rechargez la page puis réessayez.",
        "en": "The form has expired: reload the page and try again.",
    },
    "signin.too_many": {
        "fr": "Trop de tentatives : patientez une minute avant de réessayer.",
        "en": "Too many attempts: wait a minute before trying again.",
    },
    "signin.privacy": {
        "fr": "Vos accès sont journalisés sans donnée personnelle (RGPD).",
        "en": "Access is logged without personal data (GDPR).",
    },
}
