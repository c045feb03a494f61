"""Vectorised samplers driven by the schema's facts (levels, quantiles, null fractions)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy.special import ndtr

from model_training.data.schema import ColumnSpec

_PROBS = np.array([0.0, 1e-5, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1 - 1e-5, 1.0])


def quantile_knots(stats: Mapping[str, float]) -> np.ndarray:
    """Return the values at ``_PROBS`` from describe()-like stats, with bounded tails."""
    lo, hi = float(stats["min"]), float(stats["max"])
    p25, p50, p75 = float(stats["p25"]), float(stats["p50"]), float(stats["p75"])
    iqr = p75 - p25
    p5 = max(lo, float(stats.get("p5", p25 - 0.75 * iqr)))
    p95 = min(hi, float(stats.get("p95", p75 + 1.0 * iqr)))
    p1 = max(lo, float(stats.get("p1", p5 - 0.5 * (p25 - p5))))
    p99 = min(hi, float(stats.get("p99", p95 + 0.7 * (p95 - p75))))
    lo_tail = max(lo, p1 - 2 * (p5 - p1))
    hi_tail = min(hi, p99 + 2 * (p99 - p95))
    knots = np.array([lo, lo_tail, p1, p5, p25, p50, p75, p95, p99, hi_tail, hi])
    return np.maximum.accumulate(knots)


def from_uniform(u: np.ndarray, stats: Mapping[str, float]) -> np.ndarray:
    """Map uniforms in [0, 1] through the piecewise-linear quantile function of ``stats``."""
    return np.interp(u, _PROBS, quantile_knots(stats))


def from_normal(z: np.ndarray, stats: Mapping[str, float]) -> np.ndarray:
    """Map standard normals through the marginal (a Gaussian copula keeps correlations)."""
    return from_uniform(ndtr(z), stats)


def sample_numeric(rng: np.random.Generator, spec: ColumnSpec, n: int) -> np.ndarray:
    """Draw ``n`` values from a numeric column's marginal."""
    return from_uniform(
        rng.random(n), spec.stats or {"min": 0, "p25": 0, "p50": 0, "p75": 0, "max": 0}
    )


def sample_levels(
    rng: np.random.Generator, levels: Mapping[str, float], n: int, exclude: tuple[str, ...] = ()
) -> np.ndarray:
    """Draw ``n`` category codes with the given shares (renormalised without ``exclude``)."""
    names = [k for k in levels if k not in exclude]
    p = np.array([levels[k] for k in names], dtype=float)
    idx = rng.choice(len(names), size=n, p=p / p.sum())
    return np.array(names, dtype=object)[idx]


def blank_where(mask: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Return category codes as objects, None (missing) where ``mask`` is True."""
    out = codes.astype(object)
    out[mask] = None
    return out


def sample_binary(rng: np.random.Generator, share: float, n: int) -> np.ndarray:
    """Draw 0/1 integers with P(1) = ``share``."""
    return (rng.random(n) < share).astype(np.int64)


def sample_count(rng: np.random.Generator, stats: Mapping[str, float], n: int) -> np.ndarray:
    """Draw counts with the mean and spread of ``stats`` (negative binomial), clipped to max."""
    mean = max(float(stats["mean"]), 1e-9)
    var = max(float(stats.get("std", mean**0.5)) ** 2, mean * 1.01)
    r = mean**2 / (var - mean)
    lam = rng.gamma(r, mean / r, size=n)
    return np.minimum(rng.poisson(lam), float(stats["max"]))


def with_nulls(rng: np.random.Generator, values: np.ndarray, fraction: float) -> np.ndarray:
    """Return ``values`` as float with a random ``fraction`` set to NaN."""
    out = values.astype(float, copy=True)
    out[rng.random(len(out)) < fraction] = np.nan
    return out


def null_mask(rng: np.random.Generator, n: int, fraction: float) -> np.ndarray:
    """Return a boolean mask with ``fraction`` of True."""
    return rng.random(n) < fraction


def round_to(values: np.ndarray, step: float) -> np.ndarray:
    """Round to a multiple of ``step`` (money is in multiples of 0.5 or of round sums)."""
    return np.round(values / step) * step


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Return the logistic function of ``x``."""
    return 1.0 / (1.0 + np.exp(-x))


def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (parent index, position within parent) for rows repeated ``counts`` times."""
    counts = counts.astype(np.int64)
    parent = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    position = np.arange(counts.sum()) - np.repeat(starts, counts)
    return parent, position
