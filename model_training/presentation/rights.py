"""The client's rights in words, French and English: one owner for the dashboard and the letter.

The dashboard's "my file" page and the API's decision letter both state them; this module holds
no import so either layer reads it without pulling the other in.
"""

from __future__ import annotations

RIGHTS = {
    "review": {
        "fr": "Cette décision est prise automatiquement. Vous pouvez demander qu'un conseiller "
        "la réexamine, présenter votre point de vue et la contester (RGPD, article 22) : "
        "demandez-le depuis votre espace en ligne (page « Mon dossier »), à votre conseiller "
        "ou à votre agence.",
        "en": "This decision is made automatically. You may ask an advisor to review it, give "
        "your point of view and contest it (GDPR, article 22): ask for it from your online "
        'space (the "My file" page), your advisor or your branch.',
    },
    "access": {
        "fr": "Vous pouvez télécharger toutes les données que nous détenons sur vous, y compris "
        "votre historique de crédit (droits d'accès et de portabilité, RGPD, articles 15 "
        "et 20).",
        "en": "You may download all the data we hold about you, your credit history included "
        "(rights of access and portability, GDPR, articles 15 and 20).",
    },
    "explanation": {
        "fr": "Ce courrier vous donne les principaux éléments de la décision et le rôle qu'y a "
        "joué notre système d'aide à la décision (règlement européen sur l'IA, article 86).",
        "en": "This letter gives you the main elements of the decision and the role our "
        "decision-support system played in it (EU AI Act, article 86).",
    },
}
