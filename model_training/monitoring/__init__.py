"""Monitoring: the training reference's bins, and the statistics of a window of scoring events.

Pure numpy/scipy: no Flask, no database. ``reference`` builds the bundle's monitoring
reference at training, ``binning`` puts scored values in its bins, ``windows`` splits events
by period, ``drift``, ``decisions``, ``outcomes`` and ``fairness`` compute a window's
indicators (docs/monitoring.md).
"""
