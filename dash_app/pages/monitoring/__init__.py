"""The monitoring page: the live model's indicators, trends, drift and challenger (advisors)."""
