"""The decision letter's own words, French and English (the client's rights live in
``model_training.presentation.rights``, shared with the dashboard).

The letter speaks to the client in full sentences where the dashboard shows labels, so its
sentences are its own; ``{placeholders}`` are filled with numbers already formatted.
"""

from __future__ import annotations

TEXT = {
    "title": {
        "fr": "Décision sur votre demande de crédit",
        "en": "Decision on your credit application",
    },
    "reference": {"fr": "Demande n° {client_id}", "en": "Application no. {client_id}"},
    "date": {"fr": "Date : {date}", "en": "Date: {date}"},
    "model": {
        "fr": "Modèle de scoring : version {version}",
        "en": "Scoring model: version {version}",
    },
    "decision.heading": {"fr": "La décision", "en": "The decision"},
    "decision.granted": {
        "fr": "Votre demande de crédit est accordée.",
        "en": "Your credit application is granted.",
    },
    "decision.refused": {
        "fr": "Votre demande de crédit n'est pas accordée en l'état.",
        "en": "Your credit application is not granted as it stands.",
    },
    "decision.referred": {
        "fr": "Votre demande est transmise à un conseiller : des informations manquent, une "
        "personne décidera avec elles.",
        "en": "Your application goes to an advisor: some information is missing; a person "
        "will decide with it.",
    },
    "decision.missing": {
        "fr": "Informations à fournir : {fields}.",
        "en": "Information to provide: {fields}.",
    },
    "review.final.granted": {
        "fr": "Après réexamen par un conseiller le {day}, votre demande de crédit est accordée.",
        "en": "After review by an advisor on {day}, your credit application is granted.",
    },
    "review.final.refused": {
        "fr": "Après réexamen par un conseiller le {day}, votre demande de crédit n'est pas "
        "accordée.",
        "en": "After review by an advisor on {day}, your credit application is not granted.",
    },
    "review.reason": {
        "fr": "Motif du conseiller : {reason}",
        "en": "The advisor's reason: {reason}",
    },
    "review.model.granted": {
        "fr": "Notre modèle de scoring, seul, l'accordait ; le score et les raisons ci-dessous "
        "sont les siens.",
        "en": "Our scoring model, alone, granted it; the score and the reasons below are its own.",
    },
    "review.model.refused": {
        "fr": "Notre modèle de scoring, seul, ne l'accordait pas ; le score et les raisons "
        "ci-dessous sont les siens.",
        "en": "Our scoring model, alone, did not grant it; the score and the reasons below are "
        "its own.",
    },
    "review.model.referred": {
        "fr": "Notre modèle de scoring l'avait transmise à un conseiller ; le score et les "
        "raisons ci-dessous sont les siens.",
        "en": "Our scoring model had passed it to an advisor; the score and the reasons below "
        "are its own.",
    },
    "score.heading": {"fr": "Votre score et ce qu'il signifie", "en": "Your score and its meaning"},
    "score.value": {
        "fr": "Votre score est de {score}. Nous accordons les demandes dont le score dépasse "
        "{threshold} ; un dossier moyen obtient {base}.",
        "en": "Your score is {score}. We grant applications whose score is above {threshold}; "
        "an average application scores {base}.",
    },
    "score.probability": {
        "fr": "Le score traduit le risque, estimé par notre modèle statistique, que ce crédit ne "
        "soit pas remboursé : {probability} pour vous, pour un maximum accepté de {threshold}. "
        "Plus le score est élevé, plus ce risque est faible.",
        "en": "The score expresses the risk, as our statistical model estimates it, that this "
        "credit is not repaid: {probability} for you, for an accepted maximum of {threshold}. "
        "The higher the score, the lower this risk.",
    },
    "reasons.heading": {"fr": "Les principales raisons", "en": "The principal reasons"},
    "reasons.intro": {
        "fr": "Ce qui a le plus pesé contre l'accord, et ce qui l'améliorerait :",
        "en": "What weighed most against granting it, and what would improve it:",
    },
    "reasons.none": {
        "fr": "Aucune de vos caractéristiques n'a pesé contre l'accord.",
        "en": "None of your characteristics weighed against granting it.",
    },
    "reasons.reason": {"fr": "Raison", "en": "Reason"},
    "reasons.points": {"fr": "Effet sur le score", "en": "Effect on the score"},
    "reasons.improve": {"fr": "Ce qui l'améliorerait", "en": "What would improve it"},
    "reasons.no_lever": {
        "fr": "Rien que vous puissiez changer.",
        "en": "Nothing you can change.",
    },
    "offers.heading": {"fr": "Ce que nous pouvons vous proposer", "en": "What we can offer you"},
    "offers.intro": {
        "fr": "Ces propositions seraient accordées :",
        "en": "These offers would be granted:",
    },
    "offers.amount": {"fr": "Montant", "en": "Amount"},
    "offers.term": {"fr": "Durée", "en": "Term"},
    "offers.instalment": {"fr": "Mensualité", "en": "Monthly instalment"},
    "offers.score": {"fr": "Score", "en": "Score"},
    "rights.heading": {"fr": "Vos droits", "en": "Your rights"},
    "rights.how": {
        "fr": "Pour demander un réexamen ou vos données, contactez-nous (coordonnées ci-dessous) "
        "en rappelant le numéro de votre demande.",
        "en": "To ask for a review or for your data, contact us (details below) quoting your "
        "application number.",
    },
    "contact.heading": {"fr": "Nous contacter", "en": "Contact us"},
}


def letter_text(key: str, lang: str, **values: str) -> str:
    """Return one of the letter's sentences in ``lang`` (English for another language)."""
    texts = TEXT[key]
    text = texts.get(lang, texts["en"])
    return text.format(**values) if values else text
