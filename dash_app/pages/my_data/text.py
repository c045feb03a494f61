"""Text of a client's own page: their decision explained, their rights, their data."""

from model_training.presentation.rights import RIGHTS

TEXT = {
    "my_data.title": {"fr": "Mon dossier", "en": "My file"},
    "my_data.heading": {
        "fr": "Votre demande de crédit n° {client_id}",
        "en": "Your credit application no. {client_id}",
    },
    "my_data.explanation.heading": {
        "fr": "La décision expliquée",
        "en": "The decision explained",
    },
    "my_data.explanation.granted": {
        "fr": "Votre demande de crédit est accordée.",
        "en": "Your credit application is granted.",
    },
    "my_data.explanation.refused": {
        "fr": "Votre demande de crédit n'est pas accordée en l'état.",
        "en": "Your credit application is not granted as it stands.",
    },
    "my_data.explanation.referred": {
        "fr": "Votre demande est transmise à un conseiller : des informations manquent "
        "(voir ci-dessous), une personne décidera avec elles.",
        "en": "Your application goes to an advisor: some information is missing (see below); "
        "a person will decide with it.",
    },
    "my_data.explanation.logic": {
        "fr": "Notre modèle statistique estime à {probability} le risque que ce crédit ne soit "
        "pas remboursé. Nous accordons les crédits dont ce risque est inférieur à "
        "{threshold}.",
        "en": "Our statistical model puts the risk that this credit is not repaid at "
        "{probability}. We grant credits whose risk is below {threshold}.",
    },
    "my_data.explanation.reasons": {
        "fr": "Ce qui a le plus pesé contre l'accord : {reasons}.",
        "en": "What weighed most against granting it: {reasons}.",
    },
    "my_data.explanation.no_reason": {
        "fr": "Aucune de vos caractéristiques n'a pesé contre l'accord.",
        "en": "None of your characteristics weighed against granting it.",
    },
    "my_data.explanation.details": {
        "fr": "Le détail ci-dessous montre, en points de score, comment chacune de vos "
        "caractéristiques a fait monter ou baisser votre score, et ce qui l'améliorerait.",
        "en": "The details below show, in score points, how each of your characteristics "
        "raised or lowered your score, and what would improve it.",
    },
    "my_data.rights.heading": {"fr": "Vos droits", "en": "Your rights"},
    "my_data.rights.review": RIGHTS["review"],
    "my_data.rights.access": RIGHTS["access"],
    "my_data.download.json": {
        "fr": "Télécharger mes données (JSON)",
        "en": "Download my data (JSON)",
    },
    "my_data.download.csv": {
        "fr": "Télécharger mes données (CSV)",
        "en": "Download my data (CSV)",
    },
    "my_data.download.html": {
        "fr": "Télécharger mes données lisibles (HTML)",
        "en": "Download my data, readable (HTML)",
    },
    "my_data.download.letter": {
        "fr": "Télécharger ma lettre de décision (PDF)",
        "en": "Download my decision letter (PDF)",
    },
}
