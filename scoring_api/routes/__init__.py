"""Route groups of the API blueprint: model and health, clients, scoring."""
