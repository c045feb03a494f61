"""The model page: card, importance, metrics; cost, fairness, drift for advisors."""
