"""Latent traits of generated clients: the hidden causes behind every table's values."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

HISTORY_RISK_CORRELATION = 0.35  # behaviour in past credits vs. risk seen in the application


@dataclass(frozen=True)
class Clients:
    """One chunk of clients: ids, split and latent standard-normal traits.

    ``risk`` is the creditworthiness the application reveals (through EXT_SOURCE_* mostly),
    ``behaviour`` the repayment behaviour the history tables reveal, ``age`` and ``wealth``
    drive ages, incomes and amounts.
    """

    sk_id_curr: np.ndarray
    is_test: np.ndarray
    risk: np.ndarray
    behaviour: np.ndarray
    age: np.ndarray
    wealth: np.ndarray

    def __len__(self) -> int:
        return len(self.sk_id_curr)

    def subset(self, mask: np.ndarray) -> Clients:
        """Return the clients selected by a boolean mask."""
        return Clients(
            self.sk_id_curr[mask],
            self.is_test[mask],
            self.risk[mask],
            self.behaviour[mask],
            self.age[mask],
            self.wealth[mask],
        )


def draw_clients(rng: np.random.Generator, sk_id_curr: np.ndarray, is_test: np.ndarray) -> Clients:
    """Draw the latent traits of the given clients."""
    n = len(sk_id_curr)
    risk = rng.standard_normal(n)
    rho = HISTORY_RISK_CORRELATION
    behaviour = rho * risk + np.sqrt(1 - rho**2) * rng.standard_normal(n)
    age = rng.standard_normal(n)
    wealth = 0.25 * age + np.sqrt(1 - 0.25**2) * rng.standard_normal(n)
    return Clients(sk_id_curr, is_test, risk, behaviour, age, wealth)
