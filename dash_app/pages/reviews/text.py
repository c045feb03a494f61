"""Text of the review pages (queue, one review, outcome) and of the review request forms."""

from model_training.presentation.review_words import REVIEW_ORIGIN, REVIEW_STATUS

TEXT = {
    "reviews.title": {"fr": "Réexamens", "en": "Reviews"},
    "reviews.nav": {"fr": "Réexamens", "en": "Reviews"},
    "reviews.intro": {
        "fr": "Les demandes de réexamen humain d'une décision, les plus anciennes d'abord : "
        "celles des clients et des conseillers, et celles qu'ouvre une décision transmise.",
        "en": "Requests for a human review of a decision, oldest first: those of clients and "
        "advisors, and those a referred decision opens.",
    },
    "reviews.filter.status": {"fr": "Statut", "en": "Status"},
    "reviews.filter.all": {"fr": "Tous", "en": "All"},
    "reviews.filter.age": {
        "fr": "Ouverts depuis au moins (jours)",
        "en": "Opened at least (days ago)",
    },
    "reviews.count.one": {"fr": "{count} réexamen affiché", "en": "{count} review shown"},
    "reviews.count.other": {"fr": "{count} réexamens affichés", "en": "{count} reviews shown"},
    "reviews.more": {"fr": "Afficher plus", "en": "Show more"},
    "reviews.empty": {
        "fr": "Aucun réexamen ne correspond à ces filtres : la file est vide.",
        "en": "No review matches these filters: the queue is empty.",
    },
    "reviews.table_caption": {"fr": "File des réexamens", "en": "Review queue"},
    "reviews.col.id": {"fr": "N°", "en": "No."},
    "reviews.col.client": {"fr": "Client", "en": "Client"},
    "reviews.col.origin": {"fr": "Origine", "en": "Origin"},
    "reviews.col.status": {"fr": "Statut", "en": "Status"},
    "reviews.col.opened": {"fr": "Ouvert le", "en": "Opened on"},
    "reviews.col.age": {"fr": "Âge", "en": "Age"},
    "reviews.col.requester": {"fr": "Demandé par", "en": "Requested by"},
    "reviews.open_review": {"fr": "Ouvrir le réexamen n° {id}", "en": "Open review no. {id}"},
    **{f"reviews.status.{status}": words for status, words in REVIEW_STATUS.items()},
    **{f"reviews.origin.{origin}": words for origin, words in REVIEW_ORIGIN.items()},
    "reviews.requester.none": {"fr": "automatique", "en": "automatic"},
    "review.title": {"fr": "Réexamen n° {id}", "en": "Review no. {id}"},
    "review.title_generic": {"fr": "Réexamen", "en": "Review"},
    "review.bad_id": {
        "fr": "« {id} » n'est pas un numéro de réexamen.",
        "en": "“{id}” is not a review number.",
    },
    "review.back": {"fr": "Retour à la file", "en": "Back to the queue"},
    "review.head.heading": {"fr": "Le dossier", "en": "The file"},
    "review.head.client": {"fr": "Client n° {client_id}", "en": "Client no. {client_id}"},
    "review.head.status": {"fr": "Statut : {status}", "en": "Status: {status}"},
    "review.head.scored": {
        "fr": "Score {score} (modèle {version}), décision notée :",
        "en": "Score {score} (model {version}), decision as scored:",
    },
    "review.head.final": {"fr": "Décision finale :", "en": "Final decision:"},
    "review.reasons.heading": {"fr": "Principales raisons", "en": "Principal reasons"},
    "review.history.heading": {"fr": "Historique de la demande", "en": "History of the request"},
    "review.history.step": {
        "fr": "{when} — {status}, par : {who}",
        "en": "{when} — {status}, by: {who}",
    },
    "review.history.reviewer": {"fr": "conseiller n° {id}", "en": "advisor no. {id}"},
    "review.history.referral": {
        "fr": "le système (décision transmise)",
        "en": "the system (referred decision)",
    },
    "review.history.comment": {"fr": "Commentaire : {text}", "en": "Comment: {text}"},
    "review.history.reason": {"fr": "Motif : {text}", "en": "Reason: {text}"},
    "review.outcome.heading": {"fr": "Enregistrer une étape", "en": "Record a step"},
    "review.outcome.reason": {"fr": "Motif", "en": "Reason"},
    "review.outcome.help": {
        "fr": "Obligatoire pour confirmer ou infirmer ; il est montré au client.",
        "en": "Required to confirm or overturn; the client is shown it.",
    },
    "review.outcome.closed": {
        "fr": "Ce réexamen est clos : son issue ne peut plus changer.",
        "en": "This review is closed: its outcome can no longer change.",
    },
    "review.outcome.in_review": {"fr": "Prendre en charge", "en": "Take it up"},
    "review.outcome.confirmed": {"fr": "Confirmer la décision", "en": "Confirm the decision"},
    "review.outcome.overturned": {"fr": "Infirmer la décision", "en": "Overturn the decision"},
    "review.outcome.reason_missing": {
        "fr": "Écrivez le motif avant de confirmer ou d'infirmer la décision.",
        "en": "Write the reason before confirming or overturning the decision.",
    },
    "review.outcome.done": {
        "fr": "Enregistré : le réexamen est maintenant « {status} ».",
        "en": "Recorded: the review is now “{status}”.",
    },
    "review.outcome.conflict": {
        "fr": "Refusé : le réexamen a changé entre-temps ou ne peut pas passer à cet état "
        "(elle est « {status} »). Le service a répondu : {message}",
        "en": "Refused: the review changed meanwhile or cannot move to that state (it is "
        "“{status}”). The service answered: {message}",
    },
    "review.not_found": {
        "fr": "Aucun réexamen ne porte le numéro {id}.",
        "en": "There is no review with number {id}.",
    },
    "reviewrequest.heading": {"fr": "Réexamen humain", "en": "Human review"},
    "reviewrequest.intro_client": {
        "fr": "Vous pouvez demander qu'un conseiller réexamine cette décision. Dites-nous, si "
        "vous le souhaitez, ce qui a changé ou ce qui vous semble inexact.",
        "en": "You may ask an advisor to review this decision. Tell us, if you wish, what "
        "has changed or what seems wrong to you.",
    },
    "reviewrequest.intro_advisor": {
        "fr": "Demander le réexamen de la décision de ce client par un conseiller.",
        "en": "Ask for an advisor's review of this client's decision.",
    },
    "reviewrequest.comment": {"fr": "Commentaire (facultatif)", "en": "Comment (optional)"},
    "reviewrequest.button": {
        "fr": "Demander un réexamen humain",
        "en": "Request a human review",
    },
    "reviewrequest.done": {
        "fr": "Demande enregistrée (réexamen n° {id}).",
        "en": "Request recorded (review no. {id}).",
    },
    "reviewrequest.list_heading": {"fr": "Réexamens demandés", "en": "Reviews requested"},
    "reviewrequest.none": {"fr": "Aucun réexamen pour l'instant.", "en": "No review yet."},
    "reviewrequest.item": {
        "fr": "Réexamen n° {id}, ouvert le {opened} : ",
        "en": "Review no. {id}, opened on {opened}: ",
    },
    "reviewrequest.notice": {
        "fr": "Après le réexamen humain n° {id} du {day}, la décision finale est : {decision}. "
        "Motif : {reason}",
        "en": "After human review no. {id} on {day}, the final decision is: {decision}. "
        "Reason: {reason}",
    },
    "reviewrequest.notice_model": {
        "fr": "La décision du modèle, ci-dessous, reste celle qui a été notée.",
        "en": "The model's decision, below, stays as it was scored.",
    },
    "reviewrequest.final": {
        "fr": "Décision finale : {decision}. Motif : {reason}",
        "en": "Final decision: {decision}. Reason: {reason}",
    },
    "reviewrequest.pending": {
        "fr": "Un conseiller va l'examiner ; la décision reste celle notée d'ici là.",
        "en": "An advisor will look at it; until then the decision stays as scored.",
    },
}
