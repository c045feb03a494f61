"""Pieces several pages share: dash layout helpers and the pure helpers beside them.

Layout: messages, client tabs, the application form, simulation results. Pure (the figures
use them too): theme, number formatting, a client's fields and a model input's values in
words. Nothing here fetches.
"""
