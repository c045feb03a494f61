"""On generated data only: the model beside the generator's true probabilities (the oracle).

The synthetic generator writes each client's true probability of default and drawn TARGET to
``DATA_DIR/_truth/oracle.parquet``. The oracle's AUC is the best any model could reach on
those clients; the gap to it says how much signal the model leaves on the table.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from model_training.config import TRUTH_SUBDIR
from model_training.evaluate.metrics import brier_score

ORACLE_FILE = "oracle.parquet"


def oracle_path(data_dir: Path) -> Path:
    """Return where the generator writes the true probabilities."""
    return data_dir / TRUTH_SUBDIR / ORACLE_FILE


def _auc(y: np.ndarray, probability: np.ndarray) -> float:
    return float(roc_auc_score(y, probability)) if len(np.unique(y)) == 2 else float("nan")


def compare(y: np.ndarray, model_probability: np.ndarray, oracle_probability: np.ndarray) -> dict:
    """Return AUC and Brier score of the model and of the oracle on the same clients."""
    model_auc = _auc(y, model_probability)
    oracle_auc = _auc(y, oracle_probability)
    return {
        "n": len(y),
        "default_rate": float(np.mean(y)) if len(y) else float("nan"),
        "model_auc": model_auc,
        "oracle_auc": oracle_auc,
        "auc_gap": oracle_auc - model_auc,
        "model_brier": brier_score(y, model_probability) if len(y) else float("nan"),
        "oracle_brier": brier_score(y, oracle_probability) if len(y) else float("nan"),
    }


def oracle_comparison(oracle: pd.DataFrame, scores: pd.DataFrame, oof: pd.DataFrame) -> dict:
    """Return the comparison on test clients (served scores) and on train clients (OOF).

    ``oracle`` has SK_ID_CURR, probability and TARGET; ``scores`` SK_ID_CURR, is_test and
    probability; ``oof`` SK_ID_CURR and oof_probability.
    """
    truth = oracle[["SK_ID_CURR", "probability", "TARGET"]].rename(
        columns={"probability": "oracle_probability"}
    )
    test = scores.loc[scores["is_test"], ["SK_ID_CURR", "probability"]].merge(
        truth, on="SK_ID_CURR"
    )
    train = oof[["SK_ID_CURR", "oof_probability"]].merge(truth, on="SK_ID_CURR")
    return {
        "available": True,
        "test": compare(
            test["TARGET"].to_numpy(dtype=np.int64),
            test["probability"].to_numpy(dtype=float),
            test["oracle_probability"].to_numpy(dtype=float),
        ),
        "train_oof": compare(
            train["TARGET"].to_numpy(dtype=np.int64),
            train["oof_probability"].to_numpy(dtype=float),
            train["oracle_probability"].to_numpy(dtype=float),
        ),
    }


def load_oracle_comparison(data_dir: Path, scores: pd.DataFrame, oof: pd.DataFrame) -> dict:
    """Return the oracle comparison, or ``{"available": False}`` on real data."""
    path = oracle_path(data_dir)
    if not path.is_file():
        return {"available": False}
    return oracle_comparison(pd.read_parquet(path), scores, oof)
