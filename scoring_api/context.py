"""The running app's settings and bundle store, and the bundle one request uses (kept in ``g``)."""

from __future__ import annotations

from flask import Flask, current_app, g

from scoring_api.bundle_store import BundleStore, ServingBundle
from scoring_api.config import Settings

STORE_KEY = "scoring_bundle_store"
SETTINGS_KEY = "scoring_settings"
SHADOW_KEY = "scoring_shadow"  # the app's shadow scorer (events.shadow), when SHADOW_SCORING is on


def attach(app: Flask, settings: Settings, store: BundleStore) -> None:
    """Keep the settings and the bundle store on the app (the factory calls this once)."""
    app.extensions[SETTINGS_KEY] = settings
    app.extensions[STORE_KEY] = store


def api_settings() -> Settings:
    """Return the settings of the running app."""
    settings: Settings = current_app.extensions[SETTINGS_KEY]
    return settings


def bundle_store() -> BundleStore:
    """Return the bundle store of the running app."""
    store: BundleStore = current_app.extensions[STORE_KEY]
    return store


def current_bundle() -> ServingBundle:
    """Return the bundle this request uses from start to end (taken once, kept in ``g``)."""
    if "bundle" not in g:
        g.bundle = bundle_store().get()
    bundle: ServingBundle = g.bundle
    return bundle


def request_lang(lang: str | None) -> str:
    """Return the asked language, else the configured one."""
    return lang or api_settings().language
