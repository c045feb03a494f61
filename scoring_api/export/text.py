"""The readable export's own words, French and English (values' words are the presentation's)."""

from __future__ import annotations

from typing import Any

TEXT = {
    "title": {"fr": "Les données que nous détenons sur vous", "en": "The data we hold about you"},
    "reference": {"fr": "Demande n° {client_id}", "en": "Application no. {client_id}"},
    "date": {"fr": "Export du {date}", "en": "Exported on {date}"},
    "model": {
        "fr": "Modèle de scoring : version {version}",
        "en": "Scoring model: version {version}",
    },
    "intro": {
        "fr": "Ce document reprend en clair toutes les données de votre export (JSON ou CSV) : "
        "rien n'est omis. Les dates sont données par rapport au jour de votre demande.",
        "en": "This document gives all the data of your export (JSON or CSV) in plain words: "
        "nothing is left out. Dates are given relative to the day of your application.",
    },
    "decision.heading": {"fr": "La décision", "en": "The decision"},
    "decision.granted": {"fr": "Demande accordée.", "en": "Application granted."},
    "decision.refused": {"fr": "Demande refusée.", "en": "Application refused."},
    "decision.referred": {
        "fr": "Demande transmise à un conseiller, qui décidera.",
        "en": "Application passed to an advisor, who will decide.",
    },
    "decision.score": {
        "fr": "Score : {score}. Risque de défaut estimé : {probability} (seuil d'accord : "
        "{threshold}).",
        "en": "Score: {score}. Estimated risk of default: {probability} (threshold for "
        "granting: {threshold}).",
    },
    "application.heading": {"fr": "Votre demande : {card}", "en": "Your application: {card}"},
    "application.other": {
        "fr": "Votre demande : autres informations",
        "en": "Your application: other information",
    },
    "features.heading": {"fr": "Ce que le modèle a lu", "en": "What the model read"},
    "features.intro": {
        "fr": "Les valeurs calculées à partir de vos données que le modèle de scoring a lues.",
        "en": "The values computed from your data that the scoring model read.",
    },
    "reasons.heading": {"fr": "Les principales raisons", "en": "The principal reasons"},
    "reasons.none": {
        "fr": "Aucune raison ne pèse contre votre demande.",
        "en": "No reason weighs against your application.",
    },
    "groups.heading": {
        "fr": "Effet de chaque famille d'informations sur le score",
        "en": "Effect of each kind of information on the score",
    },
    "column.item": {"fr": "Information", "en": "Information"},
    "column.value": {"fr": "Valeur", "en": "Value"},
    "column.reason": {"fr": "Raison", "en": "Reason"},
    "column.points": {"fr": "Effet sur le score", "en": "Effect on the score"},
    "column.improve": {"fr": "Ce qui l'améliorerait", "en": "What would improve it"},
    "column.group": {"fr": "Famille", "en": "Kind of information"},
    "history.heading": {"fr": "Historique de crédit : {title}", "en": "Credit history: {title}"},
    "history.count.zero": {"fr": "Aucun enregistrement.", "en": "No record."},
    "history.count.one": {"fr": "1 enregistrement.", "en": "1 record."},
    "history.count.other": {"fr": "{n} enregistrements.", "en": "{n} records."},
    "history.record": {"fr": "Enregistrement {i} sur {n}", "en": "Record {i} of {n}"},
    "gender.label": {
        "fr": "Sexe (gardé pour vérifier l'équité des décisions, jamais lu par le modèle)",
        "en": "Sex (kept to check that decisions are fair, never read by the model)",
    },
    "gender.F": {"fr": "Femme", "en": "Female"},
    "gender.M": {"fr": "Homme", "en": "Male"},
    "gender.XNA": {"fr": "Non renseigné", "en": "Not given"},
    "no_improve": {"fr": "—", "en": "—"},
    "reviews.heading": {
        "fr": "Vos demandes de réexamen humain",
        "en": "Your requests for a human review",
    },
    "reviews.none": {"fr": "Aucune demande de réexamen.", "en": "No review requested."},
    "review.caption": {"fr": "Réexamen n° {id}", "en": "Review no. {id}"},
    "review.opened": {"fr": "Ouvert le", "en": "Opened on"},
    "review.origin": {"fr": "Origine", "en": "Origin"},
    "review.status": {"fr": "Statut", "en": "Status"},
    "review.decision": {"fr": "Décision réexaminée", "en": "Decision reviewed"},
    "review.comment": {"fr": "Commentaire", "en": "Comment"},
    "review.final": {"fr": "Décision finale", "en": "Final decision"},
    "review.reason": {"fr": "Motif", "en": "Reason"},
    "review.decided": {"fr": "Décidé le", "en": "Decided on"},
}


def export_text(key: str, lang: str, **values: Any) -> str:
    """Return the export's text of a key in ``lang`` (French for another language)."""
    texts = TEXT[key]
    text = texts.get(lang, texts["fr"])
    return text.format(**values) if values else text
