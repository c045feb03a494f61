"""Scoring API of Prêt à dépenser: scores, explanations and client files under /api/v1.

``factory.create_app`` builds the server; ``routes/`` holds the views, ``services/`` the work
behind them, ``security/`` who may call, ``observability/`` what operators see, ``config.py``
the settings and ``cli.py`` the commands (``python -m scoring_api --help``).
"""
