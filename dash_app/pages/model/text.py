"""Text of the model page: model card, importance, metrics, cost, fairness, drift, report."""

TEXT = {
    "model.title": {"fr": "Le modèle", "en": "The model"},
    "model.intro": {
        "fr": "Comment le modèle décide, ce qu'il utilise, ce qu'il n'utilise jamais et ce "
        "qu'il vaut.",
        "en": "How the model decides, what it uses, what it never uses and how good it is.",
    },
    "model.and": {"fr": "et", "en": "and"},
    # Model card
    "model.card.heading": {"fr": "Fiche du modèle", "en": "Model card"},
    "model.card.version": {"fr": "Version", "en": "Version"},
    "model.card.version_value": {
        "fr": "{version}, entraînée le {date} ({algorithm} sur {n_inputs} informations)",
        "en": "{version}, trained on {date} ({algorithm} on {n_inputs} inputs)",
    },
    "model.card.algorithm": {
        "fr": "gradient boosting CatBoost",
        "en": "CatBoost gradient boosting",
    },
    "model.card.data": {"fr": "Données", "en": "Data"},
    "model.card.data_value": {
        "fr": "{n_train} clients dont on connaît l'issue du crédit ; {n_test} demandes de "
        "test, sans issue connue, servent à surveiller la dérive.",
        "en": "{n_train} clients whose loan outcome is known; {n_test} test applications, "
        "with no known outcome, are used to watch for drift.",
    },
    "model.card.predicts": {"fr": "Ce qu'il prédit", "en": "What it predicts"},
    "model.card.predicts_value": {
        "fr": "La probabilité qu'un client ait des difficultés à rembourser son crédit "
        "(défaut de paiement).",
        "en": "The probability that a client will have difficulty repaying the loan "
        "(payment default).",
    },
    "model.card.threshold": {"fr": "Seuil de décision", "en": "Decision threshold"},
    "model.card.threshold_value": {
        "fr": " : la demande est refusée quand la probabilité de défaut dépasse ce seuil.",
        "en": ": the application is refused when the probability of default is above it.",
    },
    "model.card.rule": {"fr": "Pourquoi ce seuil", "en": "Why this threshold"},
    "model.card.rule_value": {
        "fr": "Il rend le coût attendu des erreurs le plus bas possible, en comptant qu'un "
        "défaut non détecté coûte {ratio} fois plus qu'un bon client refusé à tort "
        "(coûts {cost_fn} et {cost_fp}). C'est pourquoi il est bien plus bas que 50 %.",
        "en": "It makes the expected cost of errors as low as possible, counting a missed "
        "defaulter as {ratio} times as costly as a good client wrongly refused (costs "
        "{cost_fn} and {cost_fp}). This is why it is far below 50%.",
    },
    "model.card.points": {"fr": "Score en points", "en": "Score in points"},
    "model.card.points_value": {
        "fr": "{base_points} points pour une cote de {odds} contre 1 ({odds} bons payeurs "
        "pour 1 défaut) ; {pdo} points de plus doublent cette cote. Plus le score est "
        "haut, plus le risque est faible.",
        "en": "{base_points} points at odds of {odds} to 1 ({odds} good payers for 1 "
        "default); {pdo} more points double the odds. The higher the score, the lower "
        "the risk.",
    },
    "model.card.excluded": {"fr": "Jamais utilisé", "en": "Never used"},
    "model.card.excluded_value": {
        "fr": "Le sexe n'est jamais une entrée du modèle (la variable {attribute} est "
        "exclue) ; il sert seulement à vérifier l'équité des décisions.",
        "en": "Gender is never an input of the model (the {attribute} field is excluded); "
        "it is only used to check that decisions are fair.",
    },
    "model.card.review": {"fr": "Réexamen humain", "en": "Human review"},
    "model.card.review_value": {
        "fr": "Toute décision automatique peut être réexaminée par un conseiller, sur "
        "simple demande (RGPD, art. 22).",
        "en": "Any automated decision can be reviewed by an advisor on request (GDPR, art. 22).",
    },
    # Importance
    "model.importance.heading": {
        "fr": "Ce qui pèse le plus dans les décisions",
        "en": "What weighs most in the decisions",
    },
    "model.importance.intro": {
        "fr": "Les {top} informations qui déplacent le plus le score, en moyenne sur tous "
        "les clients (valeur absolue des contributions SHAP, convertie en points).",
        "en": "The {top} inputs that move the score most, on average over all clients "
        "(absolute SHAP contributions, converted to points).",
    },
    "model.importance.summary": {
        "fr": "Les trois informations qui pèsent le plus : {names}.",
        "en": "The three inputs that weigh most: {names}.",
    },
    # Metrics
    "model.metrics.heading": {"fr": "Ce que vaut le modèle", "en": "How good the model is"},
    "model.metrics.caption": {
        "fr": "Mesures en validation croisée sur les clients d'entraînement",
        "en": "Cross-validated measures on the training clients",
    },
    "model.metrics.measure": {"fr": "Mesure", "en": "Measure"},
    "model.metrics.value": {"fr": "Valeur", "en": "Value"},
    "model.metrics.meaning": {"fr": "Ce que cela veut dire", "en": "What it means"},
    "model.metrics.auc": {"fr": "AUC (moyenne ± écart-type)", "en": "AUC (mean ± std)"},
    "model.metrics.auc_meaning": {
        "fr": "Chance que le modèle juge plus risqué un client en défaut qu'un bon payeur "
        "pris au hasard (0,5 = hasard, 1 = parfait).",
        "en": "Chance that the model rates a defaulter riskier than a good payer picked at "
        "random (0.5 = chance, 1 = perfect).",
    },
    "model.metrics.brier": {"fr": "Score de Brier", "en": "Brier score"},
    "model.metrics.brier_meaning": {
        "fr": "Écart quadratique moyen entre la probabilité prédite et ce qui s'est passé "
        "(plus bas = mieux).",
        "en": "Mean squared gap between the predicted probability and what happened "
        "(lower is better).",
    },
    "model.metrics.default_rate": {"fr": "Taux de défaut", "en": "Default rate"},
    "model.metrics.default_rate_meaning": {
        "fr": "Part des clients d'entraînement qui ont eu des difficultés de paiement.",
        "en": "Share of training clients who had payment difficulties.",
    },
    "model.metrics.refusal_rate": {"fr": "Taux de refus", "en": "Refusal rate"},
    "model.metrics.refusal_rate_meaning": {
        "fr": "Part des clients d'entraînement refusés au seuil retenu, chacun noté par un "
        "modèle qui ne l'avait pas vu (hors échantillon) ; un dossier orienté vers un conseiller "
        "(refus fondé sur des informations manquantes) compte comme refusé. Accord : {approval}, "
        "la ligne « tous les clients » du tableau d'équité.",
        "en": "Share of training clients refused at the chosen threshold, each scored by a "
        "model that had not seen them (out of fold); an application referred to an advisor (a "
        "refusal resting on missing information) counts as refused. Approved: {approval}, the "
        "“all clients” row of the fairness table.",
    },
    "model.metrics.cost_threshold": {
        "fr": "Coût par client au seuil retenu",
        "en": "Cost per client at the chosen threshold",
    },
    "model.metrics.cost_threshold_meaning": {
        "fr": "Coût moyen des erreurs par client (défaut non détecté = {cost_fn}, bon client "
        "refusé = {cost_fp}).",
        "en": "Mean cost of errors per client (missed defaulter = {cost_fn}, good client "
        "refused = {cost_fp}).",
    },
    "model.metrics.cost_half": {
        "fr": "Coût par client au seuil de 50 %",
        "en": "Cost per client at a 50% threshold",
    },
    "model.metrics.cost_half_meaning": {
        "fr": "Le même coût si l'on ne refusait qu'au-delà de 50 % de risque : {ratio} fois "
        "plus élevé.",
        "en": "The same cost if applications were refused only above 50% risk: {ratio} "
        "times as high.",
    },
}

TEXT.update(
    {
        # Cost curve, ROC, calibration (advisors)
        "model.cost.heading": {
            "fr": "Coût attendu selon le seuil",
            "en": "Expected cost by threshold",
        },
        "model.cost.summary": {
            "fr": "Au seuil retenu ({threshold}), le coût attendu est de {cost} par client, "
            "contre {half} au seuil de 50 % ; le point le plus bas de la courbe ({lowest}) "
            "est à {lowest_threshold}.",
            "en": "At the chosen threshold ({threshold}) the expected cost is {cost} per "
            "client, against {half} at 50%; the lowest point of the curve ({lowest}) is at "
            "{lowest_threshold}.",
        },
        "model.quality.heading": {
            "fr": "Classement et calibration",
            "en": "Ranking and calibration",
        },
        "model.roc.summary": {
            "fr": "Courbe ROC moyenne sur {n_folds} plis : AUC {auc} ; la diagonale est le hasard.",
            "en": "Mean ROC curve over {n_folds} folds: AUC {auc}; the diagonal is chance.",
        },
        "model.calibration.summary.one": {
            "fr": "Calibration : dans les {n_bins} groupes de clients, le taux de défaut "
            "observé s'écarte de la probabilité prédite de {gap} point de pourcentage au "
            "plus.",
            "en": "Calibration: in the {n_bins} groups of clients, the observed default rate "
            "is at most {gap} percentage point away from the predicted probability.",
        },
        "model.calibration.summary.other": {
            "fr": "Calibration : dans les {n_bins} groupes de clients, le taux de défaut "
            "observé s'écarte de la probabilité prédite de {gap} points de pourcentage au "
            "plus.",
            "en": "Calibration: in the {n_bins} groups of clients, the observed default rate "
            "is at most {gap} percentage points away from the predicted probability.",
        },
        "model.figure.family": {"fr": "Famille", "en": "Family"},
        "model.figure.importance_points": {
            "fr": "Points de score déplacés en moyenne",
            "en": "Score points moved on average",
        },
        "model.figure.importance_shap": {
            "fr": "Moyenne de |SHAP| (log-odds)",
            "en": "Mean |SHAP| (log-odds)",
        },
        "model.figure.expected_cost": {
            "fr": "Coût attendu par client",
            "en": "Expected cost per client",
        },
        "model.figure.chosen_threshold": {"fr": "Seuil retenu", "en": "Chosen threshold"},
        "model.figure.minimum_cost": {"fr": "Coût minimal", "en": "Lowest cost"},
        "model.figure.threshold_axis": {
            "fr": "Seuil de refus (probabilité de défaut)",
            "en": "Refusal threshold (probability of default)",
        },
        "model.figure.cost_axis": {"fr": "Coût par client", "en": "Cost per client"},
        "model.figure.roc_curve": {"fr": "Courbe ROC", "en": "ROC curve"},
        "model.figure.chance": {"fr": "Hasard", "en": "Chance"},
        "model.figure.fpr_axis": {
            "fr": "Bons clients refusés à tort",
            "en": "Good clients wrongly refused",
        },
        "model.figure.tpr_axis": {"fr": "Défauts détectés", "en": "Defaulters caught"},
        "model.figure.calibration_curve": {"fr": "Modèle", "en": "Model"},
        "model.figure.perfect_calibration": {
            "fr": "Calibration parfaite",
            "en": "Perfect calibration",
        },
        "model.figure.predicted_axis": {
            "fr": "Probabilité prédite (moyenne du groupe)",
            "en": "Predicted probability (group mean)",
        },
        "model.figure.observed_axis": {
            "fr": "Taux de défaut observé",
            "en": "Observed default rate",
        },
    }
)

TEXT.update(
    {
        # Direction of the main inputs (advisors)
        "model.direction.heading": {
            "fr": "Dans quel sens jouent les principales informations",
            "en": "Which way the main inputs push",
        },
        "model.direction.intro": {
            "fr": "L'importance dit combien une information pèse, pas dans quel sens. Chaque "
            "point est un client d'entraînement (échantillon de {n}) : à droite de 0 "
            "l'information lui a donné des points (vers l'accord), à gauche elle lui en a "
            "retiré (vers le refus). La couleur dit sa valeur, de basse (bleu clair) à haute "
            "(violet) ; un rond gris : valeur manquante. Les informations par catégories "
            "(sans ordre bas-haut) ne sont pas montrées.",
            "en": "Importance says how much an input weighs, not which way. Each dot is a "
            "training client (a sample of {n}): right of 0 the input gave them points "
            "(towards granting), left of 0 it took points away (towards refusal). The colour "
            "is their value, from low (light blue) to high (purple); a grey ring: missing "
            "value. Inputs made of categories (no low-to-high order) are not shown.",
        },
        "model.direction.axis": {
            "fr": "Points (+ vers l'accord, − vers le refus)",
            "en": "Points (+ towards granting, − refusal)",
        },
        "model.direction.colour": {"fr": "Valeur de l'information", "en": "Value of the input"},
        "model.direction.low": {"fr": "basse", "en": "low"},
        "model.direction.high": {"fr": "haute", "en": "high"},
        "model.direction.known": {"fr": "Clients", "en": "Clients"},
        "model.direction.missing": {"fr": "Valeur manquante", "en": "Missing value"},
        "model.direction.hover_missing": {"fr": "valeur manquante", "en": "missing value"},
        "model.direction.hover_value": {
            "fr": "valeur plus haute que {share} des clients",
            "en": "value higher than {share} of clients",
        },
        "model.direction.up": {"fr": "plus de points", "en": "more points"},
        "model.direction.down": {"fr": "moins de points", "en": "fewer points"},
        "model.direction.mixed": {"fr": "pas de sens unique", "en": "no single direction"},
        "model.direction.part": {"fr": "{label} : {reading}", "en": "{label}: {reading}"},
        "model.direction.summary": {
            "fr": "Quand la valeur est plus haute : {parts}.",
            "en": "When the value is higher: {parts}.",
        },
        "model.direction.unavailable": {
            "fr": "Cette version du modèle n'a pas gardé ces données : la vue du sens est "
            "indisponible (elle le sera au prochain entraînement).",
            "en": "This model version did not keep this data: the direction view is "
            "unavailable (the next training adds it).",
        },
        # Fairness and drift (advisors)
        "model.fairness.heading": {
            "fr": "Équité : décisions par sexe et par âge",
            "en": "Fairness: decisions by gender and by age",
        },
        "model.fairness.intro": {
            "fr": "Le sexe n'est pas une entrée du modèle ; ces tableaux vérifient que les "
            "décisions ne diffèrent pas selon le sexe et montrent l'effet de l'âge, qui est "
            "un facteur de risque (décisions hors échantillon des clients d'entraînement).",
            "en": "Gender is not an input of the model; these tables check that decisions do "
            "not differ by gender and show the effect of age, which is a risk factor "
            "(out-of-fold decisions on the training clients).",
        },
        "model.fairness.caption_gender": {"fr": "Par sexe", "en": "By gender"},
        "model.fairness.caption_age": {"fr": "Par tranche d'âge", "en": "By age band"},
        "model.fairness.group": {"fr": "Groupe", "en": "Group"},
        "model.fairness.n": {"fr": "Clients", "en": "Clients"},
        "model.fairness.approval": {"fr": "Taux d'accord", "en": "Approval rate"},
        "model.fairness.wrongly_refused": {
            "fr": "Bons clients refusés à tort",
            "en": "Good clients wrongly refused",
        },
        "model.fairness.missed": {"fr": "Défauts non détectés", "en": "Missed defaulters"},
        "model.fairness.all": {"fr": "tous les clients", "en": "all clients"},
        "model.fairness.small": {"fr": "{group} (petit groupe)", "en": "{group} (small group)"},
        "model.fairness.reading_gender": {
            "fr": "Taux d'accord : {parts}.",
            "en": "Approval rate: {parts}.",
        },
        "model.fairness.reading_age": {
            "fr": "Taux d'accord par âge : {parts}.",
            "en": "Approval rate by age: {parts}.",
        },
        "model.group.F": {"fr": "femmes", "en": "women"},
        "model.group.M": {"fr": "hommes", "en": "men"},
        "model.age.under": {"fr": "moins de {age} ans", "en": "under {age}"},
        "model.age.over": {"fr": "{age} ans et plus", "en": "{age} and over"},
        "model.age.range": {"fr": "{low} à {high} ans", "en": "{low} to {high}"},
        "model.drift.heading": {
            "fr": "Dérive entre entraînement et test",
            "en": "Drift between training and test",
        },
        "model.drift.intro": {
            "fr": "L'indice de stabilité (PSI) compare la répartition de chaque information "
            "entre les clients d'entraînement et les demandes de test : sous {moderate}, "
            "stable ; de {moderate} à moins de {significant}, modérée ; à partir de "
            "{significant}, significative.",
            "en": "The population stability index (PSI) compares the spread of each input "
            "between training clients and test applications: below {moderate}, stable; from "
            "{moderate} to below {significant}, moderate; from {significant}, significant.",
        },
        "model.drift.caption": {
            "fr": "Les {n} informations qui ont le plus dérivé",
            "en": "The {n} inputs that drifted most",
        },
        "model.drift.input": {"fr": "Information", "en": "Input"},
        "model.drift.psi": {"fr": "PSI", "en": "PSI"},
        "model.drift.reading": {"fr": "Lecture", "en": "Reading"},
        "model.drift.stable": {"fr": "stable", "en": "stable"},
        "model.drift.moderate": {"fr": "modérée", "en": "moderate"},
        "model.drift.significant": {"fr": "significative", "en": "significant"},
        "model.drift.no_test": {
            "fr": "Aucune demande de test dans les données de ce modèle : la dérive n'est pas "
            "mesurée.",
            "en": "No test applications in this model's data: drift is not measured.",
        },
        "model.drift.summary": {
            "fr": "Sur {n} informations, {n_significant} ont dérivé de façon significative "
            "et {n_moderate} modérément ; la plus forte dérive : {label} (PSI {psi}).",
            "en": "Of {n} inputs, {n_significant} drifted significantly and {n_moderate} "
            "moderately; the largest drift: {label} (PSI {psi}).",
        },
        # Report and access
        "model.report.heading": {"fr": "Rapport complet", "en": "Full report"},
        "model.report.link": {
            "fr": "Rapport complet du modèle (nouvel onglet)",
            "en": "Full model report (new tab)",
        },
        "model.report.note": {
            "fr": "Le rapport, rédigé en anglais, reprend toutes les courbes (précision, "
            "ablation, dérive par information) et les tableaux détaillés.",
            "en": "The report has every curve (precision, ablation, drift by input) and the "
            "detailed tables.",
        },
        "model.restricted": {
            "fr": "Les courbes détaillées (coût, ROC, calibration, équité, dérive) et le "
            "rapport complet sont réservés aux conseillers.",
            "en": "The detailed curves (cost, ROC, calibration, fairness, drift) and the full "
            "report are for advisors only.",
        },
    }
)
