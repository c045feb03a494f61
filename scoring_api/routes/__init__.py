"""The API's views, a blueprint per module: model and health, catalogue, clients, scoring.

Sign-in and sign-out are security's own (``security/routes.py``).
"""
