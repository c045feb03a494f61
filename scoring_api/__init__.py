"""Scoring API of Prêt à dépenser: a Flask blueprint serving scores and explanations."""
