"""Regions: population density and rating, shared by every chunk of one dataset."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model_training.data.schema import TableSpec
from model_training.data.synth.sampling import from_uniform

N_REGIONS = 81  # the real REGION_POPULATION_RELATIVE takes about 81 distinct values
RATING_SHARES = (0.105, 0.738, 0.157)  # REGION_RATING_CLIENT 1 / 2 / 3


@dataclass(frozen=True)
class Regions:
    """The regions of a dataset: density (REGION_POPULATION_RELATIVE) and rating."""

    population: np.ndarray
    rating: np.ndarray

    @classmethod
    def draw(cls, rng: np.random.Generator, spec: TableSpec) -> Regions:
        """Draw the regions; denser regions get the better (lower) rating."""
        probs = (np.arange(N_REGIONS) + 0.5) / N_REGIONS
        micro = np.round(
            from_uniform(probs, spec.column("REGION_POPULATION_RELATIVE").statistics()) * 1e6
        )
        # Integer micro-units times 1e-6 keep Kaggle's binary noise (0.035792000000000004).
        population = np.maximum(micro, 290) * 1e-6
        rank = np.argsort(np.argsort(-population + rng.normal(0, 0.004, N_REGIONS)))
        cuts = np.cumsum(RATING_SHARES)[:-1] * N_REGIONS
        rating = 1 + np.searchsorted(cuts, rank, side="right")
        return cls(population, rating.astype(np.int64))

    def assign(self, rng: np.random.Generator, n: int, spec: TableSpec) -> dict[str, np.ndarray]:
        """Place ``n`` clients in regions; return the region columns of the application."""
        idx = rng.integers(0, len(self.population), n)
        rating = self.rating[idx]
        shift = rng.choice([-1, 0, 1], size=n, p=[0.04, 0.93, 0.03])
        rating_city = np.clip(rating + shift, 1, 3)
        if spec.name == "application_test":  # the real test file has one -1 (a quirk)
            rating_city[rng.random(n) < 1 / 48744] = -1
        return {
            "REGION_POPULATION_RELATIVE": self.population[idx],
            "REGION_RATING_CLIENT": rating,
            "REGION_RATING_CLIENT_W_CITY": rating_city.astype(np.int64),
        }
