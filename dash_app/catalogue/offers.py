"""Text of the "what we can offer" card (client file and what-if pages)."""

TEXT = {
    "offers.heading": {"fr": "Ce que nous pouvons proposer", "en": "What we can offer"},
    "offers.intro": {
        "fr": "Les prêts les plus proches de la demande que le modèle accorde, en ne changeant "
        "que le montant ou la durée (le prix du bien reste celui de la demande).",
        "en": "The loans nearest the request that the model grants, changing only the amount "
        "or the term (the price of the goods stays as requested).",
    },
    "offers.rule.largest_amount": {
        "fr": "Montant réduit, même durée",
        "en": "Smaller amount, same term",
    },
    "offers.rule.shortest_term": {
        "fr": "Même montant, autre durée",
        "en": "Same amount, another term",
    },
    "offers.rule.amount_and_term": {
        "fr": "Montant et durée ajustés",
        "en": "Amount and term adjusted",
    },
    "offers.terms": {
        "fr": "{amount} sur {term}, mensualité {instalment}, score {score}",
        "en": "{amount} over {term}, instalment {instalment}, score {score}",
    },
    "offers.try": {"fr": "Essayer dans « Et si… »", "en": "Try it in What if…"},
    "offers.none.no_offer_in_range": {
        "fr": "Aucun montant ni aucune durée dans les limites du produit n'est accordé.",
        "en": "No amount or term within the product's limits is granted.",
    },
    "offers.none.instalment_ceiling": {
        "fr": "Même le plus petit montant sur la plus longue durée dépasse la part du revenu "
        "admise pour les mensualités.",
        "en": "Even the smallest amount over the longest term takes more of the income in "
        "instalments than allowed.",
    },
    "offers.none.below_product_minimum": {
        "fr": "Le montant demandé est sous le plus petit montant du produit.",
        "en": "The amount asked is below the product's smallest amount.",
    },
}
