"""A window's decisions: volume, approval/refusal/referral rates and the expected cost.

The expected cost is CBPE-style (NannyML's confidence-based performance estimation): it
reads each probability as the chance of default, so it assumes the model is calibrated (the
bundle's out-of-fold calibration is in ``evaluation.json``). A granted client costs
``cost_fn`` if they default, probability ``p``; a refused one ``cost_fp`` if they would have
repaid, probability ``1 - p``. Refused follows the model's rule (``decision.is_refused``): a
referral counts as a refusal, as in training's cost.
"""

from __future__ import annotations

import numpy as np

from model_training.bundle.metadata import Costs
from model_training.modeling.decision import GRANTED, REFERRED, REFUSED, is_refused

RATE_NAMES = {GRANTED: "approval_rate", REFUSED: "refusal_rate", REFERRED: "referral_rate"}


def decision_rates(decision: np.ndarray) -> dict:
    """Return the volume and the share of each decision (NaN for an empty window)."""
    n = len(decision)
    rates = {
        key: float(np.mean(decision == name)) if n else float("nan")
        for name, key in RATE_NAMES.items()
    }
    return {"n": n, **rates}


def expected_cost(probability: np.ndarray, threshold: float, costs: Costs) -> dict:
    """Return the expected false-negative, false-positive and total cost per decision."""
    p = np.asarray(probability, dtype=float)
    n = len(p)
    if n == 0:
        nan = float("nan")
        return {"expected_fn_cost": nan, "expected_fp_cost": nan, "expected_cost": nan}
    refused = is_refused(p, threshold)
    fn_cost = costs.false_negative * float(p[~refused].sum()) / n
    fp_cost = costs.false_positive * float((1.0 - p[refused]).sum()) / n
    return {
        "expected_fn_cost": fn_cost,
        "expected_fp_cost": fp_cost,
        "expected_cost": fn_cost + fp_cost,
    }
