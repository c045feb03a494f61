"""The decision letter: its content (one structure), its words, and its HTML and PDF renderings."""
