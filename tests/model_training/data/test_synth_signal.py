"""The generated data carries learnable signal in every table, not only the application."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from model_training.data.synth import generate_dataset

N_APPLICATIONS = 6000
HISTORY_AGGREGATES = """
WITH b AS (
  SELECT SK_ID_CURR, count(*) AS bureau_n, sum((CREDIT_DAY_OVERDUE > 0)::INT) AS bureau_overdue,
         avg((AMT_CREDIT_MAX_OVERDUE > 0)::INT) AS bureau_past_overdue
  FROM read_csv('{d}/bureau.csv') GROUP BY 1),
bb AS (
  SELECT b.SK_ID_CURR, avg((s.STATUS IN ('1', '2', '3', '4', '5'))::INT) AS bureau_bad_months
  FROM read_csv('{d}/bureau_balance.csv', types={{'STATUS': 'VARCHAR'}}) s
  JOIN read_csv('{d}/bureau.csv') b USING (SK_ID_BUREAU) GROUP BY 1),
p AS (
  SELECT SK_ID_CURR, avg((NAME_CONTRACT_STATUS = 'Refused')::INT) AS refused_share
  FROM read_csv('{d}/previous_application.csv') GROUP BY 1),
i AS (
  SELECT SK_ID_CURR, avg((DAYS_ENTRY_PAYMENT > DAYS_INSTALMENT)::INT) AS late_share,
         avg((AMT_PAYMENT < AMT_INSTALMENT)::INT) AS short_share
  FROM read_csv('{d}/installments_payments.csv') GROUP BY 1),
c AS (
  SELECT SK_ID_CURR, avg(AMT_BALANCE / nullif(AMT_CREDIT_LIMIT_ACTUAL, 0)) AS card_use,
         avg((SK_DPD > 0)::INT) AS card_dpd
  FROM read_csv('{d}/credit_card_balance.csv') GROUP BY 1),
pc AS (
  SELECT SK_ID_CURR, avg((SK_DPD > 0)::INT) AS pos_dpd
  FROM read_csv('{d}/POS_CASH_balance.csv') GROUP BY 1)
SELECT a.SK_ID_CURR, b.* EXCLUDE (SK_ID_CURR), bb.bureau_bad_months, p.refused_share,
       i.* EXCLUDE (SK_ID_CURR), c.* EXCLUDE (SK_ID_CURR), pc.pos_dpd
FROM read_csv('{d}/application_train.csv') a
LEFT JOIN b USING (SK_ID_CURR) LEFT JOIN bb USING (SK_ID_CURR) LEFT JOIN p USING (SK_ID_CURR)
LEFT JOIN i USING (SK_ID_CURR) LEFT JOIN c USING (SK_ID_CURR) LEFT JOIN pc USING (SK_ID_CURR)
ORDER BY a.SK_ID_CURR
"""


@pytest.fixture(scope="module")
def frames(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (application_train, hand-made history aggregates), both sorted by client."""
    out = tmp_path_factory.mktemp("signal")
    generate_dataset(N_APPLICATIONS, out, seed=11, show_progress=False)
    app = pd.read_csv(out / "application_train.csv").sort_values("SK_ID_CURR")
    with duckdb.connect() as con:
        history = con.execute(HISTORY_AGGREGATES.format(d=out)).df()
    oracle = pd.read_parquet(out / "_truth" / "oracle.parquet")
    app = app.merge(oracle[["SK_ID_CURR", "probability"]], on="SK_ID_CURR")
    return app.reset_index(drop=True), history.reset_index(drop=True)


def _application_features(app: pd.DataFrame) -> pd.DataFrame:
    features = app.drop(columns=["SK_ID_CURR", "TARGET", "probability", "CODE_GENDER"])
    for name in features.columns:
        if not pd.api.types.is_numeric_dtype(features[name]):
            features[name] = features[name].astype("category")
    return features


def _cv_auc(features: pd.DataFrame, target: np.ndarray) -> float:
    folds = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)
    scores = []
    for fit_rows, eval_rows in folds.split(features, target):
        model = HistGradientBoostingClassifier(
            max_iter=150, learning_rate=0.06, categorical_features="from_dtype", random_state=0
        )
        model.fit(features.iloc[fit_rows], target[fit_rows])
        scores.append(
            roc_auc_score(target[eval_rows], model.predict_proba(features.iloc[eval_rows])[:, 1])
        )
    return float(np.mean(scores))


def test_history_tables_add_auc_over_the_application_alone(
    frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    app, history = frames
    target = app["TARGET"].to_numpy()
    app_only = _application_features(app)
    with_history = pd.concat([app_only, history.drop(columns="SK_ID_CURR")], axis=1)
    auc_app = _cv_auc(app_only, target)
    auc_all = _cv_auc(with_history, target)
    assert auc_app > 0.62
    assert auc_all > auc_app + 0.02


def test_oracle_beats_a_model_and_is_far_from_perfect(
    frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    app, _ = frames
    oracle_auc = roc_auc_score(app["TARGET"], app["probability"])
    assert 0.78 < oracle_auc < 0.95


def test_younger_clients_default_more_often(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    app, _ = frames
    age = -app["DAYS_BIRTH"] / 365.25
    assert app.loc[age < 30, "TARGET"].mean() > app.loc[age > 55, "TARGET"].mean()


def test_external_scores_are_negatively_correlated_with_default(
    frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    app, _ = frames
    for k in (1, 2, 3):
        scores = app[[f"EXT_SOURCE_{k}", "TARGET"]].dropna()
        assert scores.corr().iloc[0, 1] < -0.08, k
