"""Model fitting and decision: CatBoost cross-validation, cost threshold, points scale."""
