"""Home: send each person to their starting page."""
