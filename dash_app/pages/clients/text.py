"""Text of the client search page."""

TEXT = {
    "clients.title": {"fr": "Clients", "en": "Clients"},
    "clients.intro": {
        "fr": "Retrouvez un client par son numéro : les résultats s'affichent pendant la saisie.",
        "en": "Find a client by number: results appear as you type.",
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
        "fr": "Tous les clients, page {page}.",
        "en": "All clients, page {page}.",
    },
    "clients.status_query": {
        "fr": "Clients dont le numéro commence par {query}, page {page}.",
        "en": "Clients whose number starts with {query}, page {page}.",
    },
    "clients.table_caption": {
        "fr": "Clients trouvés : numéro, décision, probabilité de défaut et score",
        "en": "Clients found: number, decision, probability of default and score",
    },
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
