"""Words of a client's values, French and English: card titles, category levels, yes/no...

One owner for the dashboard's client file and the API's readable export. The fields' own labels
are the feature catalogue's (``model_training.features.catalogue``).
"""

from __future__ import annotations

from typing import Any

DEFAULT_LANGUAGE = "fr"  # the language of a text asked in a language the product does not speak

CARDS = {
    "identity": ("Identité et famille", "Identity and family"),
    "employment": ("Emploi et revenus", "Employment and income"),
    "credit": ("Le crédit demandé", "The credit asked for"),
    "housing": ("Logement", "Housing"),
    "outside": ("Informations extérieures", "Outside information"),
}

LEVELS = {
    "NAME_CONTRACT_TYPE": {
        "Cash loans": ("Prêt personnel", "Cash loan"),
        "Revolving loans": ("Crédit renouvelable", "Revolving credit"),
    },
    "NAME_TYPE_SUITE": {
        "Unaccompanied": ("Seul", "Alone"),
        "Family": ("Famille", "Family"),
        "Spouse, partner": ("Conjoint", "Spouse or partner"),
        "Children": ("Enfants", "Children"),
        "Other_A": ("Autre", "Other"),
        "Other_B": ("Autre", "Other"),
        "Group of people": ("Groupe de personnes", "Group of people"),
    },
    "NAME_INCOME_TYPE": {
        "Working": ("Salarié", "Employee"),
        "Commercial associate": ("Commercial, associé", "Commercial associate"),
        "Pensioner": ("Retraité", "Pensioner"),
        "State servant": ("Fonctionnaire", "Civil servant"),
        "Unemployed": ("Sans emploi", "Unemployed"),
        "Student": ("Étudiant", "Student"),
        "Businessman": ("Chef d'entreprise", "Business owner"),
        "Maternity leave": ("Congé maternité", "Maternity leave"),
    },
    "NAME_EDUCATION_TYPE": {
        "Secondary / secondary special": ("Secondaire", "Secondary school"),
        "Higher education": ("Études supérieures", "Higher education"),
        "Incomplete higher": ("Études supérieures non terminées", "Unfinished higher education"),
        "Lower secondary": ("Collège", "Lower secondary school"),
        "Academic degree": ("Doctorat", "Academic degree"),
    },
    "NAME_FAMILY_STATUS": {
        "Married": ("Marié(e)", "Married"),
        "Single / not married": ("Célibataire", "Single"),
        "Civil marriage": ("Union civile", "Civil union"),
        "Separated": ("Séparé(e)", "Separated"),
        "Widow": ("Veuf ou veuve", "Widowed"),
        "Unknown": ("Inconnue", "Unknown"),
    },
    "NAME_HOUSING_TYPE": {
        "House / apartment": ("Maison ou appartement", "House or apartment"),
        "With parents": ("Chez ses parents", "With parents"),
        "Municipal apartment": ("Logement social", "Council flat"),
        "Rented apartment": ("Location", "Rented apartment"),
        "Office apartment": ("Logement de fonction", "Company housing"),
        "Co-op apartment": ("Coopérative d'habitation", "Housing co-operative"),
    },
    "OCCUPATION_TYPE": {
        "Laborers": ("Ouvrier", "Labourer"),
        "Sales staff": ("Vendeur", "Sales staff"),
        "Core staff": ("Employé", "Core staff"),
        "Managers": ("Cadre dirigeant", "Manager"),
        "Drivers": ("Chauffeur", "Driver"),
        "High skill tech staff": ("Technicien qualifié", "Skilled technician"),
        "Accountants": ("Comptable", "Accountant"),
        "Medicine staff": ("Personnel médical", "Medical staff"),
        "Security staff": ("Agent de sécurité", "Security staff"),
        "Cooking staff": ("Cuisinier", "Cook"),
        "Cleaning staff": ("Agent d'entretien", "Cleaner"),
        "Private service staff": ("Employé de maison", "Private service staff"),
        "Low-skill Laborers": ("Manœuvre", "Unskilled labourer"),
        "Waiters/barmen staff": ("Serveur", "Waiter or bartender"),
        "Secretaries": ("Secrétaire", "Secretary"),
        "Realty agents": ("Agent immobilier", "Estate agent"),
        "HR staff": ("Ressources humaines", "HR staff"),
        "IT staff": ("Informaticien", "IT staff"),
    },
    "HOUSETYPE_MODE": {
        "block of flats": ("Immeuble collectif", "Block of flats"),
        "specific housing": ("Logement spécifique", "Specific housing"),
        "terraced house": ("Maison mitoyenne", "Terraced house"),
    },
    "WALLSMATERIAL_MODE": {
        "Panel": ("Panneaux", "Panels"),
        "Stone, brick": ("Pierre, brique", "Stone, brick"),
        "Block": ("Parpaings", "Blocks"),
        "Wooden": ("Bois", "Wood"),
        "Mixed": ("Mixte", "Mixed"),
        "Monolithic": ("Béton coulé", "Monolithic"),
        "Others": ("Autre", "Other"),
    },
    "WEEKDAY_APPR_PROCESS_START": {
        "MONDAY": ("Lundi", "Monday"),
        "TUESDAY": ("Mardi", "Tuesday"),
        "WEDNESDAY": ("Mercredi", "Wednesday"),
        "THURSDAY": ("Jeudi", "Thursday"),
        "FRIDAY": ("Vendredi", "Friday"),
        "SATURDAY": ("Samedi", "Saturday"),
        "SUNDAY": ("Dimanche", "Sunday"),
    },
    "ORGANIZATION_TYPE": {
        "XNA": ("Sans employeur", "No employer"),
        "Self-employed": ("Indépendant", "Self-employed"),
        "Other": ("Autre", "Other"),
        "Medicine": ("Santé", "Health care"),
        "Government": ("Administration", "Government"),
        "School": ("École", "School"),
        "Kindergarten": ("Petite enfance", "Kindergarten"),
        "Construction": ("Bâtiment", "Construction"),
        "Security": ("Sécurité", "Security"),
        "Housing": ("Logement", "Housing"),
        "Military": ("Armée", "Armed forces"),
        "Bank": ("Banque", "Bank"),
        "Agriculture": ("Agriculture", "Agriculture"),
        "Police": ("Police", "Police"),
        "Postal": ("Poste", "Postal services"),
        "Security Ministries": ("Ministères régaliens", "Security ministries"),
        "Restaurant": ("Restauration", "Restaurant"),
        "Services": ("Services", "Services"),
        "University": ("Université", "University"),
        "Hotel": ("Hôtellerie", "Hotel"),
        "Electricity": ("Énergie", "Electricity"),
        "Insurance": ("Assurance", "Insurance"),
        "Telecom": ("Télécommunications", "Telecom"),
        "Emergency": ("Services d'urgence", "Emergency services"),
        "Advertising": ("Publicité", "Advertising"),
        "Realtor": ("Immobilier", "Real estate"),
        "Culture": ("Culture", "Culture"),
        "Mobile": ("Téléphonie mobile", "Mobile phones"),
        "Legal Services": ("Services juridiques", "Legal services"),
        "Cleaning": ("Nettoyage", "Cleaning"),
        "Religion": ("Religion", "Religion"),
        # numbered kinds: "Business Entity Type 3", "Trade: type 7", ...
        "Business Entity": ("Entreprise (type {n})", "Business (type {n})"),
        "Trade": ("Commerce (type {n})", "Trade (type {n})"),
        "Industry": ("Industrie (type {n})", "Industry (type {n})"),
        "Transport": ("Transport (type {n})", "Transport (type {n})"),
    },
    # the credit history's levels (read where the history tables use these columns)
    "CREDIT_ACTIVE": {
        "Active": ("En cours", "Active"),
        "Closed": ("Clos", "Closed"),
        "Sold": ("Cédé", "Sold"),
        "Bad debt": ("Créance irrécouvrable", "Bad debt"),
    },
    "STATUS": {
        "C": ("Clos", "Closed"),
        "X": ("Situation inconnue", "Status unknown"),
        "0": ("Aucun retard", "No payment late"),
        "1": ("Retard de 1 à 30 jours", "1 to 30 days late"),
        "2": ("Retard de 31 à 60 jours", "31 to 60 days late"),
        "3": ("Retard de 61 à 90 jours", "61 to 90 days late"),
        "4": ("Retard de 91 à 120 jours", "91 to 120 days late"),
        "5": ("Retard de plus de 120 jours, cédé ou perdu", "Over 120 days late, sold or lost"),
    },
    "NAME_CONTRACT_STATUS": {
        "Approved": ("Accordée", "Approved"),
        "Refused": ("Refusée", "Refused"),
        "Canceled": ("Annulée", "Cancelled"),
        "Unused offer": ("Offre non utilisée", "Offer not used"),
        "Active": ("En cours", "Active"),
        "Completed": ("Terminé", "Completed"),
        "Signed": ("Signé", "Signed"),
        "Demand": ("Demandé", "Asked for"),
        "Returned to the store": ("Rendu au magasin", "Returned to the store"),
        "Amortized debt": ("Dette amortie", "Debt paid off"),
        "Sent proposal": ("Proposition envoyée", "Proposal sent"),
        "XNA": ("Non renseigné", "Not given"),
    },
}

TEXT: dict[str, dict[str, str]] = {
    **{f"card.{name}": {"fr": fr, "en": en} for name, (fr, en) in CARDS.items()},
    **{
        f"level.{field}.{level}": {"fr": fr, "en": en}
        for field, levels in LEVELS.items()
        for level, (fr, en) in levels.items()
    },
    "value.yes": {"fr": "Oui", "en": "Yes"},
    "value.no": {"fr": "Non", "en": "No"},
    "value.missing": {"fr": "Non renseigné", "en": "Not given"},
    "value.not_employed": {"fr": "Sans emploi salarié", "en": "Not in employment"},
    "value.ago": {"fr": "{years}", "en": "{years} ago"},
}


def value_text(key: str, lang: str, **values: Any) -> str:
    """Return the text of a key in a language, formatted with ``values``."""
    texts = TEXT[key]
    text = texts.get(lang, texts[DEFAULT_LANGUAGE])
    return text.format(**values) if values else text
