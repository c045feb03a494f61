"""Stage `train`: cross-validate CatBoost, choose the cost threshold, fit, explain, bundle."""

from __future__ import annotations

import platform
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata as importlib_metadata
from pathlib import Path

import numpy as np
import pandas as pd
from catboost import CatBoostClassifier
from sklearn.metrics import brier_score_loss, roc_auc_score

from model_training.bundle import (
    APPLICATIONS,
    BUNDLE_FORMAT,
    DIRECTIONS,
    EXPLANATIONS,
    FEATURES,
    GROUPS,
    IMPORTANCE,
    MONITORING_REFERENCE_FILE,
    OOF,
    PEERS,
    SCORES,
    BundleContent,
    BundleMetadata,
    write_bundle,
)
from model_training.config import VALIDATED_SUBDIR
from model_training.data.schema import PROTECTED_ATTRIBUTE
from model_training.evaluate.fairness import client_groups
from model_training.feature_set import FeatureSet, load_feature_set
from model_training.features.catalogue import monotone_directions
from model_training.modeling.cv import CrossValidation, cross_validate, final_iterations, fit_final
from model_training.modeling.decision import (
    choose_threshold,
    cost_per_client,
    decide,
    is_refused,
    probability_of_log_odds,
    refusal_rate,
)
from model_training.modeling.directions import direction_sample
from model_training.modeling.explain import (
    GROUP_PREFIX,
    Contributions,
    global_importance,
    shap_contributions,
    top_contributions,
)
from model_training.modeling.model_input import to_model_input
from model_training.modeling.params import TrainingSettings
from model_training.modeling.peers import build_peer_reference
from model_training.modeling.points import PointsScale
from model_training.modeling.reasons import group_contributions, group_names, referable_log_odds
from model_training.monitoring.reference import build_reference
from model_training.progress import stage_progress

LIBRARIES = ("catboost", "numpy", "pandas", "scikit-learn", "duckdb", "ibis-framework", "pyarrow")


@dataclass(frozen=True)
class TrainReport:
    """What `train` produced: the bundle, its AUC, threshold and costs."""

    bundle_dir: Path
    version: str
    auc_mean: float
    auc_std: float
    threshold: float
    cost_at_threshold: float
    cost_at_half: float
    seconds: float

    def summary(self) -> str:
        """Return the human-readable outcome."""
        return (
            f"Trained bundle {self.version} in {self.seconds:.1f} s: CV AUC {self.auc_mean:.4f} "
            f"± {self.auc_std:.4f}, threshold {self.threshold:.4f}, cost per client "
            f"{self.cost_at_threshold:.4f} (at 0.5: {self.cost_at_half:.4f}).\n"
            f"Live bundle: {self.bundle_dir}"
        )


def _fold_costs(cv: CrossValidation, y: np.ndarray, threshold: float, s: TrainingSettings) -> dict:
    """Return the cost per client at the threshold and at 0.5, mean and spread over folds."""
    out = {}
    for name, t in (("threshold", threshold), ("half", 0.5)):
        costs = [
            cost_per_client(
                y[cv.fold_of_row == k],
                cv.oof_probability[cv.fold_of_row == k],
                t,
                s.cost_fn,
                s.cost_fp,
            )
            for k in range(s.n_folds)
        ]
        out[name] = {"mean": float(np.mean(costs)), "std": float(np.std(costs)), "folds": costs}
    return out


def validated_applications(data_dir: Path) -> pd.DataFrame:
    """Return every validated application (train and test), all fields, sorted by id."""
    validated = data_dir / VALIDATED_SUBDIR
    frames = [
        pd.read_parquet(path)
        for name in ("application_train", "application_test")
        if (path := validated / f"{name}.parquet").exists()
    ]
    return pd.concat(frames, ignore_index=True).sort_values("SK_ID_CURR", ignore_index=True)


def application_fields(applications: pd.DataFrame) -> pd.DataFrame:
    """Return the raw application fields shown to people, every client, sorted by id.

    TARGET (the past outcome) and the protected attribute are left out (data minimisation:
    a client's full record is exported from the validated tables on request).
    """
    hidden = [c for c in ("TARGET", PROTECTED_ATTRIBUTE) if c in applications.columns]
    return applications.drop(columns=hidden)


def _library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            continue
    return versions


def train(
    data_dir: Path,
    artifacts_dir: Path,
    settings: TrainingSettings | None = None,
    *,
    show_progress: bool = True,
) -> TrainReport:
    """Train on ``DATA_DIR/features``, write a new bundle in ``artifacts_dir`` and make it live."""
    started = time.perf_counter()
    settings = settings or TrainingSettings.from_env()
    features = load_feature_set(data_dir)
    train_rows = features.train
    y = train_rows["TARGET"].to_numpy().astype(np.int64)
    x_all = to_model_input(features.frame, features.features, features.categorical)
    x_train = x_all[~features.frame["is_test"].to_numpy()]  # converted once, sliced
    with stage_progress(show_progress) as progress:
        task = progress.add_task("cross-validation", total=settings.n_folds)
        cv = cross_validate(
            x_train, y, features.categorical, settings, lambda _: progress.advance(task)
        )
        threshold = choose_threshold(y, cv.oof_probability, settings.cost_fn, settings.cost_fp)
        iterations = final_iterations(cv, settings.n_folds)
        task = progress.add_task("final model", total=1)
        model = fit_final(x_train, y, features.categorical, settings, iterations)
        progress.advance(task)
        task = progress.add_task("explanations", total=len(x_all))
        contributions = shap_contributions(
            model, x_all, features.categorical, lambda n: progress.advance(task, n)
        )
    content = _bundle_content(
        features, settings, cv, y, threshold, iterations, model, contributions
    )
    applications = validated_applications(data_dir)
    content.tables[APPLICATIONS] = application_fields(applications)
    content.tables[GROUPS] = client_groups(applications)
    bundle_dir = write_bundle(artifacts_dir, content)
    costs = content.metadata.metrics.cost_per_client
    return TrainReport(
        bundle_dir,
        content.metadata.version,
        cv.auc_mean,
        cv.auc_std,
        threshold,
        costs.threshold.mean,
        costs.half.mean,
        time.perf_counter() - started,
    )


def _bundle_content(
    features: FeatureSet,
    settings: TrainingSettings,
    cv: CrossValidation,
    y: np.ndarray,
    threshold: float,
    iterations: int,
    model: CatBoostClassifier,
    contributions: Contributions,
) -> BundleContent:
    """Assemble scores, explanations, importance, peers and metadata for the bundle."""
    scale = PointsScale()
    frame = features.frame
    log_odds = contributions.log_odds
    probability = probability_of_log_odds(log_odds)
    refused = is_refused(probability, threshold)
    groups = group_contributions(
        {name: frame[name].to_numpy() for name in features.features},
        features.features,
        contributions.values,
    )
    scores = pd.DataFrame(
        {
            "SK_ID_CURR": frame["SK_ID_CURR"].to_numpy(),
            "is_test": frame["is_test"].to_numpy(),
            "probability": probability,
            "log_odds": log_odds,
            "score": scale.score(probability),
            "decision": decide(probability, threshold, referable_log_odds(groups)),
        }
    )
    explanations = top_contributions(contributions.values)
    explanations.insert(0, "SK_ID_CURR", frame["SK_ID_CURR"].to_numpy())
    for i, name in enumerate(group_names()):
        explanations[f"{GROUP_PREFIX}{name}"] = groups[:, i]
    is_train = ~frame["is_test"].to_numpy()
    importance = global_importance(contributions.values[is_train], features.features)
    direction_view = direction_sample(
        frame.loc[is_train, list(features.features)],
        contributions.values[is_train],
        importance,
        scale,
        categorical=features.categorical,
        seed=settings.seed,
    )
    peers, clusters, peer_def = build_peer_reference(
        frame, features.features, features.categorical, refused, settings.seed
    )
    scores["peer_group"] = clusters
    created = datetime.now(UTC)
    version = created.strftime("%Y%m%dT%H%M%SZ") + (
        f"-{features.fingerprint[:8]}" if features.fingerprint else ""
    )
    oof = pd.DataFrame(
        {
            "SK_ID_CURR": features.train["SK_ID_CURR"].to_numpy(),
            "TARGET": y,
            "oof_probability": cv.oof_probability,
            "fold": cv.fold_of_row,
        }
    )
    directions = monotone_directions(features.features) if settings.is_monotone else {}
    metadata = BundleMetadata.model_validate(
        {
            "bundle_format": BUNDLE_FORMAT,
            "version": version,
            "created": created,
            "data_fingerprint": features.fingerprint,
            "features": [
                {
                    "name": name,
                    "dtype": "category" if name in features.categorical else "float",
                    "categorical": name in features.categorical,
                    "direction": directions.get(name, 0),
                }
                for name in features.features
            ],
            "threshold": threshold,
            "costs": {"false_negative": settings.cost_fn, "false_positive": settings.cost_fp},
            "points": scale.to_dict(),
            "base_value": contributions.base_value,
            "peer_groups": peer_def,
            "metrics": {
                "cv_auc_mean": cv.auc_mean,
                "cv_auc_std": cv.auc_std,
                "cv_auc_folds": cv.fold_auc,
                "oof_auc": float(roc_auc_score(y, cv.oof_probability)),
                "oof_brier": float(brier_score_loss(y, cv.oof_probability)),
                "default_rate": float(y.mean()),
                "cost_per_client": _fold_costs(cv, y, threshold, settings),
                "refusal_rate_oof": refusal_rate(cv.oof_probability, threshold),
            },
            "training": {
                "settings": settings,
                "final_iterations": iterations,
                "best_iterations": cv.best_iterations,
            },
            "n_clients": {"train": int(is_train.sum()), "test": int((~is_train).sum())},
            "libraries": _library_versions(),
        }
    )
    store = frame.drop(columns=["TARGET"])
    # Out-of-fold scores: like production's, from a model that never saw the client.
    reference = build_reference(
        features.train,
        importance,
        features.categorical,
        scale.score(cv.oof_probability),
        source="train clients; score from their out-of-fold probabilities",
    )
    return BundleContent(
        model=model,
        metadata=metadata,
        tables={
            SCORES: scores,
            FEATURES: store,
            EXPLANATIONS: explanations,
            IMPORTANCE: importance,
            OOF: oof,
            PEERS: peers,
            DIRECTIONS: direction_view,
        },
        files={MONITORING_REFERENCE_FILE: reference.to_json()},
    )
