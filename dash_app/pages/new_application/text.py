"""Text of the new-application page: an applicant not yet in the data, scored on the spot."""

TEXT = {
    "newapp.title": {"fr": "Nouvelle demande", "en": "New application"},
    "newapp.intro": {
        "fr": "Saisissez la demande d'une personne qui n'est pas encore cliente, puis calculez "
        "son score. Rien n'est enregistré.",
        "en": "Enter the application of someone who is not a client yet, then compute the "
        "score. Nothing is stored.",
    },
    "newapp.history_note": {
        "fr": "Sans historique : le score n'utilise que la demande (les crédits passés, le "
        "bureau de crédit et les remboursements sont inconnus pour une nouvelle personne). "
        "Il est donc moins précis que celui d'un client connu.",
        "en": "No history: the score uses only the application (past credits, the credit "
        "bureau and repayments are unknown for a new applicant). It is therefore less precise "
        "than a known client's score.",
    },
    "newapp.submit": {"fr": "Calculer le score", "en": "Compute the score"},
    "newapp.reset": {"fr": "Effacer le formulaire", "en": "Clear the form"},
    "newapp.result_heading": {"fr": "Résultat", "en": "Result"},
    "newapp.prompt": {
        "fr": "Le résultat s'affichera ici une fois la demande complète.",
        "en": "The result will show here once the application is complete.",
    },
}
