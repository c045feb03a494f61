"""Text of the comparison page (one client among all, granted/refused and similar clients)."""

TEXT = {
    "compare.title": {
        "fr": "Comparer le client n° {client_id}",
        "en": "Compare client no. {client_id}",
    },
    "compare.intro": {
        "fr": "Situez ce client parmi les autres clients, caractéristique par caractéristique.",
        "en": "See where this client stands among other clients, one characteristic at a time.",
    },
    "compare.univariate.heading": {"fr": "Une caractéristique", "en": "One characteristic"},
    "compare.bivariate.heading": {"fr": "Deux caractéristiques", "en": "Two characteristics"},
    "compare.feature": {"fr": "Caractéristique", "en": "Characteristic"},
    "compare.feature_hint": {
        "fr": (
            "Les plus influentes pour le modèle sont en tête de liste ; au clavier, tapez les "
            "premières lettres d'un nom pour y aller."
        ),
        "en": (
            "The most influential for the model come first; with the keyboard, type a name's "
            "first letters to jump to it."
        ),
    },
    "compare.group": {"fr": "Comparer avec", "en": "Compare with"},
    "compare.group.all": {"fr": "Tous les clients", "en": "All clients"},
    "compare.group.decision": {"fr": "Accordés et refusés", "en": "Granted and refused"},
    "compare.group.similar": {"fr": "Clients similaires", "en": "Similar clients"},
    "compare.similar_note": {
        "fr": "Clients similaires : ceux dont l'âge, les revenus, le crédit, l'emploi et les "
        "scores externes sont proches de ceux de ce client.",
        "en": "Similar clients: those whose age, income, credit, employment and external "
        "scores are close to this client's.",
    },
    "compare.legend_size.one": {"fr": "{group} ({count} client)", "en": "{group} ({count} client)"},
    "compare.legend_size.other": {
        "fr": "{group} ({count} clients)",
        "en": "{group} ({count} clients)",
    },
    "compare.legend.all": {"fr": "Tous les clients", "en": "All clients"},
    "compare.legend.similar": {"fr": "Clients similaires", "en": "Similar clients"},
    "compare.legend.granted": {"fr": "Accordés", "en": "Granted"},
    "compare.legend.refused": {"fr": "Refusés", "en": "Refused"},
    "compare.share.all": {
        "fr": "{share} de l'ensemble des clients",
        "en": "{share} of all clients",
    },
    "compare.share.similar": {
        "fr": "{share} des clients similaires",
        "en": "{share} of similar clients",
    },
    "compare.share.granted": {
        "fr": "{share} des clients accordés",
        "en": "{share} of granted clients",
    },
    "compare.share.refused": {
        "fr": "{share} des clients refusés",
        "en": "{share} of refused clients",
    },
    "compare.and": {"fr": " et ", "en": " and "},
    "compare.summary.higher": {
        "fr": "{label} : {value}. Plus élevé que {shares}.",
        "en": "{label}: {value}. Higher than {shares}.",
    },
    "compare.summary.level": {
        "fr": "{label} : {value}. {shares} sont dans la même situation.",
        "en": "{label}: {value}. {shares} share this situation.",
    },
    "compare.summary.missing": {
        "fr": "{label} : non renseigné pour ce client, comme pour {shares}.",
        "en": "{label}: not given for this client, as for {shares}.",
    },
    "compare.summary.missing_alone": {
        "fr": "{label} : non renseigné pour ce client.",
        "en": "{label}: not given for this client.",
    },
    "compare.summary.no_comparison": {
        "fr": "{label} : {value}. Trop peu de valeurs dans ce groupe pour situer ce client.",
        "en": "{label}: {value}. Too few values in this group to place this client.",
    },
    "compare.this_client": {"fr": "Ce client", "en": "This client"},
    "compare.level_other": {"fr": "Autres valeurs", "en": "Other values"},
    "compare.title_generic": {"fr": "Comparer", "en": "Compare"},
    "compare.axis_density": {
        "fr": "Densité : part du groupe par unité de l'axe horizontal",
        "en": "Density: share of the group per unit of the horizontal axis",
    },
    "compare.axis_share": {"fr": "Part du groupe", "en": "Share of the group"},
    "compare.hover.bin.one": {
        "fr": "De {left} à {right} : {count} client ({share})",
        "en": "From {left} to {right}: {count} client ({share})",
    },
    "compare.hover.bin.other": {
        "fr": "De {left} à {right} : {count} clients ({share})",
        "en": "From {left} to {right}: {count} clients ({share})",
    },
    "compare.unit.money": {"fr": "€", "en": "€"},
    "compare.unit.years": {"fr": "ans", "en": "years"},
    "compare.unit.days": {"fr": "jours", "en": "days"},
    "compare.unit.moment": {
        "fr": "jours depuis la demande, négatifs avant",
        "en": "days from the application, negative before",
    },
    "compare.unit.percent": {"fr": "%", "en": "%"},
    "compare.x_feature": {"fr": "Axe horizontal", "en": "Horizontal axis"},
    "compare.y_feature": {"fr": "Axe vertical", "en": "Vertical axis"},
    "compare.scatter.intro": {
        "fr": "Un échantillon de {n} clients tirés au hasard, par décision.",
        "en": "A random sample of {n} clients, by decision.",
    },
    "compare.scatter.client": {
        "fr": "Ce client : {x_label} {x_value}, {y_label} {y_value}.",
        "en": "This client: {x_label} {x_value}, {y_label} {y_value}.",
    },
    "compare.scatter.client_missing": {
        "fr": "Une valeur manque : ce client n'apparaît pas sur le graphique.",
        "en": "A value is missing: this client is not on the chart.",
    },
    "compare.scatter.population": {
        "fr": "Parmi les {n} clients de l'échantillon, {refused} sont refusés.",
        "en": "Among the {n} sampled clients, {refused} are refused.",
    },
    "compare.scatter.advisors_only": {
        "fr": "La comparaison sur deux caractéristiques est réservée aux conseillers.",
        "en": "The comparison on two characteristics is for advisors.",
    },
    "compare.no_numeric": {
        "fr": "Le modèle n'a pas assez de caractéristiques numériques pour ce graphique.",
        "en": "The model has too few numeric characteristics for this chart.",
    },
}
