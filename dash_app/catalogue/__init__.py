"""UI text by page: each module holds ``TEXT = {key: {"fr": ..., "en": ...}}``."""
