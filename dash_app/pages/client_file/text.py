"""Text of a client's file: decision, margin, gauge, reasons, waterfall (also on "my data")."""

TEXT = {
    "client_file.title": {"fr": "Client n° {client_id}", "en": "Client no. {client_id}"},
    "client_file.title_generic": {"fr": "Dossier client", "en": "Client file"},
    "client_file.decision.heading": {"fr": "Décision", "en": "Decision"},
    "client_file.decision.probability": {
        "fr": "Probabilité de défaut : {probability} (seuil de décision : {threshold})",
        "en": "Probability of default: {probability} (decision threshold: {threshold})",
    },
    "client_file.decision.score": {
        "fr": "Score : {score}, seuil : {threshold} (plus il est haut, plus le risque est faible ; "
        "refusé au seuil ou en dessous)",
        "en": "Score: {score}, threshold: {threshold} (the higher, the lower the risk; refused "
        "at or below the threshold)",
    },
    "client_file.decision.unknown_outcome": {
        "fr": "Demande récente : son issue (remboursé ou non) n'est pas encore connue.",
        "en": "Recent application: its outcome (repaid or not) is not known yet.",
    },
    # margin to the threshold, by band (percentage points of probability)
    "client_file.margin.gap.one": {
        "fr": "{gap} point de pourcentage",
        "en": "{gap} percentage point",
    },
    "client_file.margin.gap.other": {
        "fr": "{gap} points de pourcentage",
        "en": "{gap} percentage points",
    },
    "client_file.margin.granted.narrow": {
        "fr": "{gap} sous le seuil : accordé de justesse, juste sous le seuil",
        "en": "{gap} below the threshold: granted, just below the threshold",
    },
    "client_file.margin.granted.clear": {
        "fr": "{gap} sous le seuil : accordé avec une marge nette",
        "en": "{gap} below the threshold: granted with a clear margin",
    },
    "client_file.margin.granted.comfortable": {
        "fr": "{gap} sous le seuil : accordé avec une marge confortable",
        "en": "{gap} below the threshold: granted with a comfortable margin",
    },
    "client_file.margin.refused.narrow": {
        "fr": "{gap} au-dessus du seuil : refusé de justesse, juste au-dessus du seuil",
        "en": "{gap} above the threshold: refused, just above the threshold",
    },
    "client_file.margin.refused.clear": {
        "fr": "{gap} au-dessus du seuil : refusé, nettement au-dessus du seuil",
        "en": "{gap} above the threshold: refused, clearly above the threshold",
    },
    "client_file.margin.refused.comfortable": {
        "fr": "{gap} au-dessus du seuil : refusé, loin au-dessus du seuil",
        "en": "{gap} above the threshold: refused, far above the threshold",
    },
    "client_file.margin.bands": {
        "fr": "Écart au seuil : moins de {narrow} point de pourcentage, de justesse ; "
        "de {narrow} à {clear} points, marge nette ; {clear} points ou plus, marge "
        "confortable (ou loin au-dessus du seuil).",
        "en": "Distance to the threshold: under {narrow} percentage point, just below or "
        "above; {narrow} to {clear} points, a clear margin; {clear} points or more, a "
        "comfortable margin (or far above the threshold).",
    },
    "client_file.gauge.heading": {"fr": "Probabilité de défaut", "en": "Probability of default"},
    "client_file.gauge.summary": {
        "fr": "Jauge : la probabilité de défaut de ce client, {probability}, est {side} du "
        "seuil de décision de {threshold}.",
        "en": "Gauge: this client's probability of default, {probability}, is {side} the "
        "decision threshold of {threshold}.",
    },
    "client_file.gauge.below": {"fr": "en dessous", "en": "below"},
    "client_file.gauge.above": {"fr": "au niveau ou au-dessus", "en": "at or above"},
    # reasons
    "client_file.reasons.heading": {"fr": "Principales raisons", "en": "Main reasons"},
    "client_file.reasons.intro": {
        "fr": "Ce qui pèse le plus contre l'accord du crédit, en points de score perdus :",
        "en": "What weighs most against granting the credit, in score points lost:",
    },
    "client_file.letter.button": {
        "fr": "Lettre de décision (PDF)",
        "en": "Decision letter (PDF)",
    },
    "client_file.reasons.cost": {"fr": "coûte {points}", "en": "costs {points}"},
    "client_file.reasons.value": {"fr": "{label} : {value}", "en": "{label}: {value}"},
    "client_file.reasons.evidence": {
        "fr": "Dans le dossier : {values}.",
        "en": "In the file: {values}.",
    },
    "client_file.reasons.missing": {
        "fr": "Absent du dossier : {values}.",
        "en": "Absent from the file: {values}.",
    },
    "client_file.reasons.improve": {
        "fr": "Ce qui l'améliorerait : {improve}",
        "en": "What would improve it: {improve}",
    },
    "client_file.reasons.none": {
        "fr": "Aucune caractéristique ne pèse contre l'accord de ce crédit.",
        "en": "No characteristic weighs against granting this credit.",
    },
    # waterfall
    "client_file.waterfall.heading": {
        "fr": "Du client moyen au score de ce client",
        "en": "From the average client to this client's score",
    },
    "client_file.waterfall.summary": {
        "fr": "Graphique en cascade : partant de {base} (client moyen), les caractéristiques de "
        "ce client mènent à un score de {score} ; le seuil est à {threshold}.",
        "en": "Waterfall chart: starting from {base} (the average client), this client's "
        "characteristics lead to a score of {score}; the threshold is at {threshold}.",
    },
    "client_file.waterfall.up": {
        "fr": "Ce qui fait le plus monter le score : {features}.",
        "en": "What raises the score most: {features}.",
    },
    "client_file.waterfall.down": {
        "fr": "Ce qui le fait le plus baisser : {features}.",
        "en": "What lowers it most: {features}.",
    },
    "client_file.waterfall.item": {"fr": "{label} ({points})", "en": "{label} ({points})"},
    "client_file.waterfall.other": {"fr": "Autres facteurs", "en": "Other factors"},
    "client_file.profile.heading": {"fr": "Informations du client", "en": "Client information"},
}
