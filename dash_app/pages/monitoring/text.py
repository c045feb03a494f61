"""Text of the monitoring page: controls, lights, trends, drift, challenger, empty states."""

TEXT = {
    "monitoring.nav": {"fr": "Surveillance", "en": "Monitoring"},
    "monitoring.title": {"fr": "Surveillance du modèle", "en": "Model monitoring"},
    "monitoring.intro": {
        "fr": "Comment le modèle en service se comporte depuis son déploiement, période par "
        "période, comparé à ce qu'il a vu à l'entraînement.",
        "en": "How the live model behaves since it was deployed, period by period, compared "
        "with what it saw in training.",
    },
    # Controls
    "monitoring.window": {"fr": "Période", "en": "Window"},
    "monitoring.window.day": {"fr": "Jour", "en": "Day"},
    "monitoring.window.week": {"fr": "Semaine", "en": "Week"},
    "monitoring.window.month": {"fr": "Mois", "en": "Month"},
    "monitoring.from": {"fr": "Du", "en": "From"},
    "monitoring.to": {"fr": "Au", "en": "To"},
    "monitoring.range": {
        "fr": "Modèle {version}, du {start} au {end} (jours inclus).",
        "en": "Model {version}, from {start} to {end} (days included).",
    },
    # Traffic lights
    "monitoring.lights.heading": {
        "fr": "Voyants de la dernière période",
        "en": "Traffic lights of the latest window",
    },
    "monitoring.lights.window": {
        "fr": "Période du {start} au {end} : {n} évaluations.",
        "en": "Window from {start} to {end}: {n} scores.",
    },
    "monitoring.status.ok": {"fr": "normal", "en": "ok"},
    "monitoring.status.warn": {"fr": "à surveiller", "en": "watch"},
    "monitoring.status.alert": {"fr": "alerte", "en": "alert"},
    "monitoring.status.unknown": {"fr": "données insuffisantes", "en": "not enough data"},
    "monitoring.hint.above": {
        "fr": "À surveiller à partir de {warn}, alerte à partir de {alert}.",
        "en": "Watch from {warn}, alert from {alert}.",
    },
    "monitoring.hint.below": {
        "fr": "À surveiller sous {warn}, alerte sous {alert}.",
        "en": "Watch below {warn}, alert below {alert}.",
    },
    "monitoring.points": {"fr": "{value} pt de %", "en": "{value} pp"},
    "monitoring.indicator.score_psi": {
        "fr": "Dérive du score (PSI)",
        "en": "Score drift (PSI)",
    },
    "monitoring.indicator.feature_psi_max": {
        "fr": "Plus forte dérive d'une information (PSI)",
        "en": "Largest drift of an input (PSI)",
    },
    "monitoring.indicator.approval_rate_shift": {
        "fr": "Écart du taux d'accord avec l'entraînement",
        "en": "Approval rate shift from training",
    },
    "monitoring.indicator.expected_cost_ratio": {
        "fr": "Coût attendu rapporté à l'entraînement",
        "en": "Expected cost relative to training",
    },
    "monitoring.indicator.gini_drop": {
        "fr": "Baisse du Gini (attendu − observé)",
        "en": "Gini drop (expected − actual)",
    },
    "monitoring.indicator.calibration_gap": {
        "fr": "Écart de calibration (observé − prédit)",
        "en": "Calibration gap (observed − predicted)",
    },
    "monitoring.indicator.approval_ratio_drop": {
        "fr": "Équité : baisse du rapport des taux d'accord entre groupes depuis l'entraînement",
        "en": "Fairness: fall of the approval-rate ratio between groups since training",
    },
    # Trends
    "monitoring.trends.heading": {"fr": "Évolution par période", "en": "Trends over windows"},
    "monitoring.trends.cost_note": {
        "fr": "Le coût attendu lit chaque probabilité comme la vraie chance de défaut : il "
        "suppose le modèle bien calibré (voir la calibration sur la page du modèle).",
        "en": "The expected cost reads each probability as the true chance of default: it "
        "assumes the model is calibrated (see the calibration on the model page).",
    },
    "monitoring.trends.volume_summary": {
        "fr": "{n} périodes : de {low} à {high} évaluations par période.",
        "en": "{n} windows: from {low} to {high} scores a window.",
    },
    "monitoring.trends.approval_summary": {
        "fr": "Taux d'accord de la dernière période : {latest} (de {low} à {high} sur les "
        "périodes montrées).",
        "en": "Approval rate of the latest window: {latest} ({low} to {high} over the windows "
        "shown).",
    },
    "monitoring.trends.psi_summary": {
        "fr": "PSI du score de la dernière période : {psi} ({reading}) ; les pointillés "
        "marquent {moderate} (dérive modérée) et {significant} (dérive significative).",
        "en": "Score PSI of the latest window: {psi} ({reading}); the dotted lines mark "
        "{moderate} (moderate drift) and {significant} (significant drift).",
    },
    "monitoring.trends.gini_summary": {
        "fr": "Gini observé de la dernière période avec issues connues : {actual}, attendu "
        "{expected}.",
        "en": "Actual Gini of the latest window with known outcomes: {actual}, expected "
        "{expected}.",
    },
    "monitoring.figure.volume": {"fr": "Évaluations", "en": "Scores"},
    "monitoring.figure.approval": {"fr": "Taux d'accord", "en": "Approval rate"},
    "monitoring.figure.score_psi": {"fr": "PSI du score", "en": "Score PSI"},
    "monitoring.figure.cost": {
        "fr": "Coût attendu par décision",
        "en": "Expected cost per decision",
    },
    "monitoring.figure.gini": {"fr": "Gini", "en": "Gini"},
    "monitoring.figure.gini_actual": {"fr": "Gini observé", "en": "Actual Gini"},
    "monitoring.figure.gini_expected": {"fr": "Gini attendu", "en": "Expected Gini"},
    "monitoring.drift.moderate": {"fr": "dérive modérée", "en": "moderate drift"},
    "monitoring.drift.significant": {"fr": "dérive significative", "en": "significant drift"},
    # Worst drifting inputs
    "monitoring.drift.heading": {
        "fr": "Les informations qui dérivent le plus",
        "en": "The inputs drifting most",
    },
    "monitoring.drift.caption": {
        "fr": "Les {n} informations à la plus forte dérive sur la dernière période",
        "en": "The {n} inputs with the largest drift in the latest window",
    },
    # Champion and challenger
    "monitoring.challenger.heading": {
        "fr": "Modèle en service et challenger",
        "en": "Champion and challenger",
    },
    "monitoring.challenger.intro": {
        "fr": "Le challenger {challenger} note en silence les mêmes demandes que le modèle en "
        "service {champion} ; ses scores ne sont jamais servis.",
        "en": "The challenger {challenger} scores the same applications as the live model "
        "{champion} in the shadow; its scores are never served.",
    },
    "monitoring.challenger.none": {
        "fr": "Aucun challenger n'est en essai silencieux. Pour en mettre un : "
        "« python -m model_training promote --version <version> --challenger "
        "--artifacts-dir <dossier> ».",
        "en": "No challenger is in shadow. To set one: “python -m model_training promote "
        "--version <version> --challenger --artifacts-dir <folder>”.",
    },
    "monitoring.challenger.caption": {
        "fr": "Période du {start} au {end}",
        "en": "Window from {start} to {end}",
    },
    "monitoring.challenger.measure": {"fr": "Mesure", "en": "Measure"},
    "monitoring.challenger.version": {"fr": "Version", "en": "Version"},
    "monitoring.challenger.n": {"fr": "Évaluations", "en": "Scores"},
    "monitoring.challenger.approval": {"fr": "Taux d'accord", "en": "Approval rate"},
    "monitoring.challenger.cost": {
        "fr": "Coût attendu par décision",
        "en": "Expected cost per decision",
    },
    "monitoring.challenger.agreement": {
        "fr": "Même décision que le modèle en service",
        "en": "Same decision as the champion",
    },
    "monitoring.challenger.gap": {
        "fr": "Écart moyen de probabilité (challenger − en service)",
        "en": "Mean probability gap (challenger − champion)",
    },
    "monitoring.challenger.auc": {"fr": "AUC (issues connues)", "en": "AUC (known outcomes)"},
    "monitoring.challenger.champion": {"fr": "En service", "en": "Champion"},
    "monitoring.challenger.challenger": {"fr": "Challenger", "en": "Challenger"},
    # Empty states
    "monitoring.empty.no_events": {
        "fr": "Aucune évaluation du modèle {version} sur cette période. Les évaluations "
        "arrivent à chaque score servi par l'API (dossiers, simulations, nouvelles demandes) "
        "ou viennent d'un rejeu de données datées (voir la documentation de la surveillance).",
        "en": "No scores of model {version} in this range. Scores arrive with every score the "
        "API serves (client files, what-ifs, new applications) or from a replay of dated "
        "data (see the monitoring documentation).",
    },
    "monitoring.empty.no_reference": {
        "fr": "Le modèle {version} a été construit avant la surveillance : il n'a pas de "
        "référence d'entraînement. Reconstruisez-le pour l'ajouter "
        "(« python -m model_training build »).",
        "en": "Model {version} was built before monitoring: it has no training reference. "
        "Rebuild it to add one (“python -m model_training build”).",
    },
}
