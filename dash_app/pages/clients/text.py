"""Text of the client search page."""

TEXT = {
    "clients.title": {"fr": "Clients", "en": "Clients"},
    "clients.intro": {
        "fr": "Retrouvez un client par son numéro : les résultats s'affichent pendant la saisie ; "
        "Entrée ouvre le dossier quand un seul client correspond.",
        "en": "Find a client by number: results appear as you type; Enter opens the file "
        "when a single client matches.",
    },
    "clients.search_label": {"fr": "Numéro de client", "en": "Client number"},
    "clients.search_placeholder": {"fr": "ex. 100002", "en": "e.g. 100002"},
    "clients.search_help": {
        "fr": "Les premiers chiffres suffisent.",
        "en": "The first digits are enough.",
    },
    "clients.not_digits": {
        "fr": "Un numéro de client ne contient que des chiffres.",
        "en": "A client number holds digits only.",
    },
    "clients.empty": {
        "fr": "Aucun numéro de client ne commence par {query}.",
        "en": "No client number starts with {query}.",
    },
    "clients.status_all": {
        "fr": "{count}, page {page}.",
        "en": "{count}, page {page}.",
    },
    "clients.status_query": {
        "fr": "{count} dont le numéro commence par {query}, page {page}.",
        "en": "{count} whose number starts with {query}, page {page}.",
    },
    "clients.count.one": {"fr": "{count} client", "en": "{count} client"},
    "clients.count.other": {"fr": "{count} clients", "en": "{count} clients"},
    "clients.decision_label": {"fr": "Décision", "en": "Decision"},
    "clients.band_label": {"fr": "Classe de risque", "en": "Risk band"},
    "clients.sort_label": {"fr": "Ordre", "en": "Order"},
    "clients.filter_all": {"fr": "Toutes", "en": "All"},
    "clients.sort.id": {"fr": "Par numéro", "en": "By number"},
    "clients.sort.probability_desc": {
        "fr": "Probabilité de défaut, la plus haute d'abord",
        "en": "Probability of default, highest first",
    },
    "clients.sort.probability_asc": {
        "fr": "Probabilité de défaut, la plus basse d'abord",
        "en": "Probability of default, lowest first",
    },
    "clients.empty_filtered": {
        "fr": "Aucun client ne correspond à ces critères.",
        "en": "No client matches these criteria.",
    },
    "clients.table_caption": {
        "fr": "Clients trouvés : numéro, décision, classe de risque, probabilité de défaut, score",
        "en": "Clients found: number, decision, risk band, probability of default and score",
    },
    "clients.col.band": {"fr": "Classe de risque", "en": "Risk band"},
    "clients.col.client": {"fr": "Client", "en": "Client"},
    "clients.col.decision": {"fr": "Décision", "en": "Decision"},
    "clients.col.probability": {"fr": "Probabilité de défaut", "en": "Probability of default"},
    "clients.col.score": {"fr": "Score", "en": "Score"},
    "clients.open": {
        "fr": "Ouvrir le dossier du client {client_id}",
        "en": "Open client {client_id}'s file",
    },
    "clients.previous": {"fr": "Page précédente", "en": "Previous page"},
    "clients.next": {"fr": "Page suivante", "en": "Next page"},
    "clients.paging": {"fr": "Pages de résultats", "en": "Result pages"},
    "clients.recent": {"fr": "Clients consultés récemment", "en": "Recently opened clients"},
    "clients.recent_none": {
        "fr": "Les dossiers que vous ouvrez apparaîtront ici (sur ce navigateur seulement).",
        "en": "The files you open will appear here (on this browser only).",
    },
}
