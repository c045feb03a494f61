"""Gather every curve and table of the evaluation into one dict (the evaluation.json content)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from model_training.bundle import FEATURES, IMPORTANCE, OOF, SCORES, Bundle, BundleMetadata
from model_training.config import VALIDATED_SUBDIR
from model_training.errors import MissingInputError
from model_training.evaluate import metrics
from model_training.evaluate.ablation import application_feature_set, run_ablation
from model_training.evaluate.baselines import raw_application_columns, run_baselines
from model_training.evaluate.drift import drift_table
from model_training.evaluate.fairness import (
    FAIRNESS_INPUT_COLUMNS,
    MIN_GROUP_SIZE,
    fairness_table,
    overall_rates,
)
from model_training.evaluate.oracle import load_oracle_comparison
from model_training.modeling.decision import refusal_rate
from model_training.modeling.params import TrainingSettings

SCHEMA_VERSION = 1
IMPORTANCE_TOP = 20
# Whose decisions the refusal rate, the fairness table and the confusion matrix count.
REFUSAL_POPULATION = "out-of-fold probability of the train clients against the threshold"


def load_validated_train(data_dir: Path, columns: Sequence[str]) -> pd.DataFrame:
    """Read ``columns`` of the validated train applications (fairness and baselines)."""
    path = data_dir / VALIDATED_SUBDIR / "application_train.parquet"
    if not path.is_file():
        raise MissingInputError(
            f"{path} not found: the fairness and baseline sections need the validated "
            f"application table. Run `python -m model_training validate --data-dir {data_dir}` "
            "first."
        )
    return pd.read_parquet(path, columns=list(columns))


def importance_top(importance: pd.DataFrame, n: int = IMPORTANCE_TOP) -> list[dict]:
    """Return the ``n`` most important features with their English label when catalogued."""
    from model_training.features.catalogue import feature_catalogue  # noqa: PLC0415

    catalogue = feature_catalogue()
    rows = []
    for record in importance.head(n).to_dict("records"):
        entry = catalogue.get(record["feature"])
        rows.append(
            {
                "feature": str(record["feature"]),
                "label": entry.label_en if entry else str(record["feature"]),
                "mean_abs_shap": float(record["mean_abs_shap"]),
                "mean_shap": float(record["mean_shap"]),
            }
        )
    return rows


def summary_of(metadata: BundleMetadata, refusal: float, calibration: dict) -> dict:
    """Return the headline figures: AUC, threshold, costs with their spread, Brier, rates."""
    found = metadata.metrics
    costs = found.cost_per_client
    return {
        "auc": {"mean": found.cv_auc_mean, "std": found.cv_auc_std},
        "oof_auc": found.oof_auc,
        "threshold": metadata.threshold,
        "cost_at_threshold": {"mean": costs.threshold.mean, "std": costs.threshold.std},
        "cost_at_half": {"mean": costs.half.mean, "std": costs.half.std},
        "brier": calibration["brier"],
        "default_rate": found.default_rate,
        "refusal_rate": refusal,
        "refusal_population": REFUSAL_POPULATION,
        "n_train": metadata.n_clients.train,
        "n_test": metadata.n_clients.test,
    }


def build_evaluation(
    bundle: Bundle,
    data_dir: Path,
    ablation_settings: TrainingSettings,
    step: Callable[[str], None],
) -> dict:
    """Compute every part of the evaluation of ``bundle``; call ``step(name)`` after each."""
    metadata = bundle.metadata
    oof = bundle.table(OOF)
    y = oof["TARGET"].to_numpy(dtype=np.int64)
    probability = oof["oof_probability"].to_numpy(dtype=float)
    fold = oof["fold"].to_numpy(dtype=np.int64)
    threshold = metadata.threshold
    costs = metadata.costs
    refusal = metadata.metrics.refusal_rate_oof
    if refusal is None:  # a bundle built before the rate was stored: the same rule, same clients
        refusal = refusal_rate(probability, threshold)
    out: dict = {
        "cost_curve": metrics.cost_by_threshold(
            y, probability, fold, threshold, costs.false_negative, costs.false_positive
        ),
        "roc": metrics.roc_by_fold(y, probability, fold),
        "precision_recall": metrics.precision_recall(y, probability),
        "calibration": metrics.calibration(y, probability),
        "confusion_matrix": metrics.confusion_at(y, probability, threshold),
    }
    step("metrics")
    out["fairness"] = {
        "rows": fairness_table(
            load_validated_train(data_dir, FAIRNESS_INPUT_COLUMNS), oof, threshold
        ),
        "all": overall_rates(oof, threshold),
        "min_group_size": MIN_GROUP_SIZE,
        "decisions": REFUSAL_POPULATION,
    }
    step("fairness")
    features = list(bundle.features)
    categorical = list(bundle.categorical)
    store = bundle.table(FEATURES)
    out["drift"] = drift_table(store, features, categorical)
    step("drift")
    train_rows = oof[["SK_ID_CURR", "TARGET"]].merge(store, on="SK_ID_CURR", how="left")
    out["ablation"] = run_ablation(
        train_rows,
        y,
        features,
        categorical,
        ablation_settings,
        application_feature_set(),
        lambda _: step("ablation fold"),
    )
    out["baselines"] = run_baselines(
        oof,
        load_validated_train(data_dir, ["SK_ID_CURR", *raw_application_columns()]),
        metadata.training.settings,
        costs,
        lambda _: step("baseline fold"),
        store=store,
        features=features,
        categorical=categorical,
    )
    step("baselines")
    out["oracle"] = load_oracle_comparison(data_dir, bundle.table(SCORES), oof)
    out["importance"] = importance_top(bundle.table(IMPORTANCE))
    step("oracle")
    return {
        "schema_version": SCHEMA_VERSION,
        "model_version": bundle.version,
        "data_fingerprint": metadata.data_fingerprint,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "summary": summary_of(metadata, refusal, out["calibration"]),
        **out,
    }


def _plain(value: object) -> object:
    """Return ``value`` with numpy scalars as Python ones and NaN or infinity as None."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def evaluation_json(evaluation: dict) -> str:
    """Return the evaluation as strict JSON (no NaN: missing values are null)."""
    return json.dumps(_plain(evaluation), indent=1, allow_nan=False, ensure_ascii=False)
