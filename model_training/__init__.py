"""Model training for Prêt à dépenser: data, features, model, evaluation and reports."""
