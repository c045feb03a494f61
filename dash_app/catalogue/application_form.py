"""Text of the application form shared by the what-if and new-application pages."""

TEXT = {
    "appform.section.loan": {"fr": "Le prêt demandé", "en": "The loan asked for"},
    "appform.section.income": {"fr": "Revenus et emploi", "en": "Income and employment"},
    "appform.section.household": {"fr": "Foyer et patrimoine", "en": "Household and assets"},
    "appform.section.profile": {"fr": "Profil", "en": "Profile"},
    "appform.section.bureau": {
        "fr": "Scores du bureau de crédit",
        "en": "Credit bureau scores",
    },
    "appform.section.stability": {
        "fr": "Stabilité et démarche",
        "en": "Stability and the application",
    },
    "appform.required_note": {
        "fr": "Les champs marqués * sont obligatoires.",
        "en": "Fields marked * are required.",
    },
    "appform.choose": {"fr": "— Choisir —", "en": "— Choose —"},
    "appform.not_given": {"fr": "— Non renseigné —", "en": "— Not given —"},
    "appform.yes": {"fr": "oui", "en": "yes"},
    "appform.no": {"fr": "non", "en": "no"},
    # labels of what the form asks unlike the client file (a term, years, a score without its
    # range); the others are the API's field labels (units are added beside each input)
    "appform.field.contract_type": {"fr": "Type de crédit", "en": "Type of credit"},
    "appform.field.knows_instalment": {
        "fr": "Je connais l'échéance mensuelle (la durée en découle)",
        "en": "I know the monthly instalment (the term follows from it)",
    },
    "appform.field.term_months": {"fr": "Durée du crédit", "en": "Term of the credit"},
    "appform.field.income_type": {"fr": "Situation professionnelle", "en": "Income type"},
    "appform.field.employed_years": {
        "fr": "Ancienneté dans l'emploi actuel",
        "en": "Time in current job",
    },
    "appform.field.not_employed": {
        "fr": "Sans emploi ou retraité(e)",
        "en": "Not employed or retired",
    },
    "appform.field.family_members": {
        "fr": "Personnes dans le foyer",
        "en": "People in the household",
    },
    "appform.field.housing": {"fr": "Logement", "en": "Housing"},
    "appform.field.own_realty": {"fr": "Possède un bien immobilier", "en": "Owns property"},
    "appform.field.education": {"fr": "Niveau d'études", "en": "Education"},
    "appform.field.ext_source_1": {"fr": "Score externe 1", "en": "External score 1"},
    "appform.field.ext_source_2": {"fr": "Score externe 2", "en": "External score 2"},
    "appform.field.ext_source_3": {"fr": "Score externe 3", "en": "External score 3"},
    "appform.field.registration_years": {
        "fr": "Adresse déclarée depuis",
        "en": "At the registered address for",
    },
    "appform.field.id_years": {
        "fr": "Pièce d'identité délivrée il y a",
        "en": "Identity document issued",
    },
    "appform.field.phone_years": {
        "fr": "Même numéro de téléphone depuis",
        "en": "Same phone number for",
    },
    # units
    "appform.unit.eur": {"fr": "€", "en": "€"},
    "appform.unit.eur_month": {"fr": "€ / mois", "en": "€ / month"},
    "appform.unit.months": {"fr": "mois", "en": "months"},
    "appform.unit.years": {"fr": "ans", "en": "years"},
    "appform.unit.children": {"fr": "enfants", "en": "children"},
    "appform.unit.people": {"fr": "personnes", "en": "people"},
    # help under inputs
    "appform.help.range": {"fr": "De {min} à {max}.", "en": "From {min} to {max}."},
    "appform.help.term_months": {
        "fr": "Nombre de mensualités : l'échéance mensuelle en découle.",
        "en": "Number of monthly payments: the monthly instalment follows from it.",
    },
    "appform.help.annuity": {
        "fr": "Somme payée chaque mois, intérêts compris. Calculée d'après la durée, ou saisie "
        "si vous la connaissez (case ci-dessus).",
        "en": "Amount paid each month, interest included. Computed from the term, or typed if "
        "you know it (switch above).",
    },
    "appform.help.income": {
        "fr": "Revenu total du foyer déclarant, par mois.",
        "en": "Total income declared, per month.",
    },
    "appform.help.ext_source": {
        "fr": "Score du bureau de crédit tel qu'il le renvoie (plus haut = moins risqué). "
        "Facultatif, mais s'il manque et que le refus en dépend, un conseiller décide.",
        "en": "The credit bureau's score as it returns it (higher = less risky). Optional, but "
        "if it is missing and a refusal rests on it, a person decides.",
    },
    # the loan's live sentence (under the instalment)
    "appform.loan.instalment": {
        "fr": "Échéance mensuelle : {instalment} sur {months}, intérêts compris, au taux annuel "
        "supposé de {rate} (hypothèse du produit, pas une offre).",
        "en": "Monthly instalment: {instalment} over {months}, interest included, at an assumed "
        "annual rate of {rate} (the product's assumption, not an offer).",
    },
    "appform.loan.file": {
        "fr": "Échéance mensuelle : {instalment} sur {months}, celle du dossier ajustée au "
        "montant (même durée, même taux ; ailleurs, taux annuel supposé de {rate}).",
        "en": "Monthly instalment: {instalment} over {months}, the file's own adjusted to the "
        "amount (same term, same rate; otherwise an assumed annual rate of {rate}).",
    },
    "appform.loan.term": {
        "fr": "Durée ≈ {months} au taux annuel supposé de {rate}, intérêts compris.",
        "en": "Term ≈ {months} at an assumed annual rate of {rate}, interest included.",
    },
    "appform.loan.unknown_instalment": {
        "fr": "L'échéance mensuelle se calcule dès que le montant et la durée sont valides "
        "(taux annuel supposé : {rate}).",
        "en": "The monthly instalment shows once the amount and the term are valid (assumed "
        "annual rate: {rate}).",
    },
    "appform.loan.unknown_term": {
        "fr": "La durée se calcule dès que le montant et une échéance qui le rembourse sont "
        "saisis (taux annuel supposé : {rate}).",
        "en": "The term shows once the amount and an instalment that repays it are typed "
        "(assumed annual rate: {rate}).",
    },
    "appform.help.employed_years": {
        "fr": "0 si moins d'un an. Cochez la case ci-dessous si la personne ne travaille pas.",
        "en": "0 if less than a year. Tick the box below if the person does not work.",
    },
    "appform.help.goods_price": {
        "fr": "Facultatif (souvent vide pour un crédit renouvelable).",
        "en": "Optional (often empty for revolving credit).",
    },
    # field errors
    "appform.error.amount": {
        "fr": "Saisissez un montant de {min} à {max}.",
        "en": "Enter an amount from {min} to {max}.",
    },
    "appform.error.number": {
        "fr": "Saisissez un nombre de {min} à {max}.",
        "en": "Enter a number from {min} to {max}.",
    },
    "appform.error.whole": {
        "fr": "Saisissez un nombre entier de {min} à {max}.",
        "en": "Enter a whole number from {min} to {max}.",
    },
    "appform.error.choose": {
        "fr": "Choisissez une valeur dans la liste.",
        "en": "Choose a value from the list.",
    },
    "appform.error.annuity_below_credit": {
        "fr": "L'échéance mensuelle doit être inférieure au montant du crédit.",
        "en": "The monthly instalment must be less than the credit amount.",
    },
    "appform.error.instalment_too_small": {
        "fr": "Cette échéance ne rembourse pas le crédit en {max} : augmentez-la ou réduisez "
        "le montant.",
        "en": "This instalment does not repay the credit within {max}: raise it or lower the "
        "amount.",
    },
    "appform.error.family_too_small": {
        "fr": "Le foyer compte au moins la personne et ses enfants (enfants + 1).",
        "en": "The household counts at least the person and their children (children + 1).",
    },
    "appform.error.employment_too_long": {
        "fr": "L'ancienneté ne peut pas dépasser l'âge moins 14 ans.",
        "en": "Years in the job cannot exceed the age minus 14.",
    },
    "appform.error.api": {
        "fr": "Valeur refusée par le service de scoring : {message}",
        "en": "Value refused by the scoring service: {message}",
    },
    "appform.errors.summary": {
        "fr": "Corrigez ces champs avant le calcul :",
        "en": "Correct these fields before scoring:",
    },
    "appform.errors.item": {"fr": "{label} : {message}", "en": "{label}: {message}"},
    # results shared by both pages
    "appform.result.probability": {"fr": "Probabilité de défaut", "en": "Probability of default"},
    "appform.result.decision": {"fr": "Décision", "en": "Decision"},
    "appform.result.score": {"fr": "Score", "en": "Score"},
    "appform.result.margin": {"fr": "Marge au seuil", "en": "Margin to the threshold"},
    "appform.result.margin_granted": {
        "fr": "{gap} sous le seuil de refus ({threshold}) : côté accord.",
        "en": "{gap} below the refusal threshold ({threshold}): on the granted side.",
    },
    "appform.result.margin_refused": {
        "fr": "{gap} au-dessus du seuil de refus ({threshold}) : côté refus.",
        "en": "{gap} above the refusal threshold ({threshold}): on the refused side.",
    },
    "appform.result.margin_better": {"fr": "{gap} vers l'accord", "en": "{gap} towards granting"},
    "appform.result.margin_worse": {"fr": "{gap} vers le refus", "en": "{gap} towards refusal"},
    "appform.result.margin_same": {"fr": "inchangée", "en": "unchanged"},
    "appform.result.pp.one": {
        "fr": "{value} point de pourcentage",
        "en": "{value} percentage point",
    },
    "appform.result.pp.other": {
        "fr": "{value} points de pourcentage",
        "en": "{value} percentage points",
    },
    "appform.result.model_alone": {
        "fr": "Le modèle seul : {decision}",
        "en": "The model alone: {decision}",
    },
    "appform.referral.why": {
        "fr": "Le modèle seul refuserait, mais ce refus repose sur des informations manquantes "
        "(avec elles neutres, il accorderait) : une personne décide. La probabilité, le score "
        "et le seuil restent ceux du modèle.",
        "en": "The model alone would refuse, but the refusal rests on missing information (with "
        "it neutral, it would grant): a person decides. The probability, score and threshold "
        "are still the model's.",
    },
    "appform.referral.provide": {
        "fr": "À fournir, du plus lourd au plus léger :",
        "en": "What to provide, heaviest first:",
    },
    "appform.referral.missing": {
        "fr": "Informations manquantes, du plus lourd au plus léger :",
        "en": "Missing information, heaviest first:",
    },
    "appform.referral.costs": {
        "fr": "(leur absence coûte {points})",
        "en": "(their absence costs {points})",
    },
    "appform.result.reasons": {"fr": "Principales raisons", "en": "Main reasons"},
    "appform.result.no_reasons": {
        "fr": "Aucun facteur ne pèse nettement vers le refus.",
        "en": "No factor weighs clearly towards refusal.",
    },
}

_LEVELS = {
    "NAME_CONTRACT_TYPE": {
        "Cash loans": ("Prêt personnel", "Cash loan"),
        "Revolving loans": ("Crédit renouvelable", "Revolving credit"),
    },
    "NAME_INCOME_TYPE": {
        "Working": ("Salarié(e)", "Employee"),
        "Commercial associate": ("Commercial(e) ou associé(e)", "Commercial associate"),
        "Pensioner": ("Retraité(e)", "Pensioner"),
        "State servant": ("Fonctionnaire", "Civil servant"),
        "Student": ("Étudiant(e)", "Student"),
        "Businessman": ("Chef d'entreprise", "Business owner"),
        "Unemployed": ("Sans emploi", "Unemployed"),
    },
    "NAME_EDUCATION_TYPE": {
        "Lower secondary": ("Collège", "Lower secondary"),
        "Secondary / secondary special": ("Lycée ou formation professionnelle", "Secondary"),
        "Incomplete higher": ("Études supérieures non terminées", "Incomplete higher"),
        "Higher education": ("Études supérieures", "Higher education"),
        "Academic degree": ("Doctorat", "Academic degree"),
    },
    "NAME_FAMILY_STATUS": {
        "Single / not married": ("Célibataire", "Single"),
        "Married": ("Marié(e)", "Married"),
        "Civil marriage": ("Union civile (PACS)", "Civil partnership"),
        "Separated": ("Séparé(e) ou divorcé(e)", "Separated or divorced"),
        "Widow": ("Veuf ou veuve", "Widowed"),
    },
    "NAME_HOUSING_TYPE": {
        "House / apartment": ("Maison ou appartement", "House or flat"),
        "Rented apartment": ("Appartement loué", "Rented flat"),
        "With parents": ("Chez les parents", "With parents"),
        "Municipal apartment": ("Logement social", "Council flat"),
        "Office apartment": ("Logement de fonction", "Company housing"),
        "Co-op apartment": ("Logement coopératif", "Housing co-operative"),
    },
    "NAME_TYPE_SUITE": {
        "Unaccompanied": ("Seul(e)", "Alone"),
        "Family": ("Famille", "Family"),
        "Spouse, partner": ("Conjoint(e)", "Spouse or partner"),
        "Children": ("Enfants", "Children"),
        "Other_A": ("Autre (A)", "Other (A)"),
        "Other_B": ("Autre (B)", "Other (B)"),
        "Group of people": ("Plusieurs personnes", "Group of people"),
    },
    "OCCUPATION_TYPE": {
        "Accountants": ("Comptable", "Accountant"),
        "Cleaning staff": ("Agent(e) d'entretien", "Cleaning staff"),
        "Cooking staff": ("Cuisinier(ère)", "Cooking staff"),
        "Core staff": ("Employé(e) de bureau", "Office staff"),
        "Drivers": ("Chauffeur", "Driver"),
        "HR staff": ("Ressources humaines", "HR staff"),
        "High skill tech staff": ("Technicien(ne) qualifié(e)", "Skilled technician"),
        "IT staff": ("Informatique", "IT staff"),
        "Laborers": ("Ouvrier(ère)", "Labourer"),
        "Low-skill Laborers": ("Manœuvre", "Unskilled labourer"),
        "Managers": ("Cadre", "Manager"),
        "Medicine staff": ("Personnel médical", "Medical staff"),
        "Private service staff": ("Services à la personne", "Personal services"),
        "Realty agents": ("Agent immobilier", "Estate agent"),
        "Sales staff": ("Vendeur(euse)", "Sales staff"),
        "Secretaries": ("Secrétaire", "Secretary"),
        "Security staff": ("Agent(e) de sécurité", "Security staff"),
        "Waiters/barmen staff": ("Serveur(euse) ou barman", "Waiter or bartender"),
    },
}

TEXT.update(
    {
        f"appform.level.{column}.{level}": {"fr": fr, "en": en}
        for column, levels in _LEVELS.items()
        for level, (fr, en) in levels.items()
    }
)
