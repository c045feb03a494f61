"""The HTML model report: pure figure builders, sentences and page assembly."""
