"""Text of the what-if page: an existing client's file changed and scored again."""

TEXT = {
    "whatif.title": {
        "fr": "Et si… — client n° {client_id}",
        "en": "What if… — client no. {client_id}",
    },
    "whatif.title_generic": {"fr": "Et si… — simulation", "en": "What if… — simulation"},
    "whatif.intro": {
        "fr": "Modifiez une ou plusieurs valeurs du dossier puis lancez la simulation : le "
        "modèle recalcule la probabilité de défaut avec ces valeurs et l'historique du client.",
        "en": "Change one or more values of the file, then simulate: the model computes the "
        "probability of default again with these values and the client's history.",
    },
    "whatif.notice": {
        "fr": "Simulation uniquement : le dossier du client n'est pas modifié.",
        "en": "Simulation only: the client's file is not modified.",
    },
    "whatif.form_heading": {"fr": "Valeurs à simuler", "en": "Values to simulate"},
    "whatif.simulate": {"fr": "Simuler", "en": "Simulate"},
    "whatif.reset": {"fr": "Réinitialiser", "en": "Reset"},
    "whatif.result_heading": {"fr": "Résultat de la simulation", "en": "Simulation result"},
    "whatif.prompt": {
        "fr": "Le résultat s'affichera ici, à côté de la décision actuelle.",
        "en": "The result will show here, beside the current decision.",
    },
    "whatif.no_change": {
        "fr": "Aucune valeur n'a été modifiée : la simulation reproduit le dossier actuel.",
        "en": "No value was changed: the simulation reproduces the current file.",
    },
    "whatif.changed": {"fr": "Valeurs modifiées :", "en": "Changed values:"},
    "whatif.change_item": {
        "fr": "{label} : {before} → {after}",
        "en": "{label}: {before} → {after}",
    },
    "whatif.col.measure": {"fr": "Mesure", "en": "Measure"},
    "whatif.col.current": {"fr": "Dossier actuel", "en": "Current file"},
    "whatif.col.simulated": {"fr": "Simulation", "en": "Simulation"},
    "whatif.col.change": {"fr": "Évolution", "en": "Change"},
    "whatif.table_caption": {
        "fr": "Dossier actuel et simulation",
        "en": "Current file and simulation",
    },
    "whatif.decision_same": {"fr": "inchangée", "en": "unchanged"},
    "whatif.decision_changed": {"fr": "change", "en": "changes"},
    "whatif.reasons_current": {
        "fr": "Principales raisons — dossier actuel",
        "en": "Main reasons — current file",
    },
    "whatif.reasons_simulated": {
        "fr": "Principales raisons — simulation",
        "en": "Main reasons — simulation",
    },
    "whatif.summary_up": {
        "fr": "La probabilité de défaut simulée ({simulated}) est plus élevée que l'actuelle "
        "({original}), de {delta} ; seuil de refus : {threshold}. Décision simulée : {decision}.",
        "en": "The simulated probability of default ({simulated}) is higher than the current "
        "one ({original}), by {delta}; refusal threshold: {threshold}. Simulated decision: "
        "{decision}.",
    },
    "whatif.summary_down": {
        "fr": "La probabilité de défaut simulée ({simulated}) est plus basse que l'actuelle "
        "({original}), de {delta} ; seuil de refus : {threshold}. Décision simulée : {decision}.",
        "en": "The simulated probability of default ({simulated}) is lower than the current "
        "one ({original}), by {delta}; refusal threshold: {threshold}. Simulated decision: "
        "{decision}.",
    },
    "whatif.summary_same": {
        "fr": "La probabilité de défaut simulée ({simulated}) est la même que l'actuelle ; "
        "seuil de refus : {threshold}. Décision : {decision}.",
        "en": "The simulated probability of default ({simulated}) is the same as the current "
        "one; refusal threshold: {threshold}. Decision: {decision}.",
    },
    "whatif.chart.current": {"fr": "Dossier actuel", "en": "Current file"},
    "whatif.chart.simulated": {"fr": "Simulation", "en": "Simulation"},
    "whatif.chart.threshold": {
        "fr": "Seuil de refus : {value}",
        "en": "Refusal threshold: {value}",
    },
}
