"""Stage `score`: the live bundle's probabilities of the test clients, in Kaggle's format."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from model_training.bundle import SCORES, open_bundle
from model_training.errors import ModelTrainingError


def write_submission(artifacts_dir: Path, out: Path) -> tuple[Path, int]:
    """Write ``SK_ID_CURR,TARGET`` for every test client (probability of default)."""
    bundle = open_bundle(artifacts_dir)
    scores = bundle.table(SCORES)
    test = scores[scores["is_test"]].sort_values("SK_ID_CURR")
    if test.empty:
        raise ModelTrainingError(
            f"bundle {bundle.version} holds no test client (no application_test in its data): "
            "nothing to score."
        )
    submission = test[["SK_ID_CURR", "probability"]].rename(columns={"probability": "TARGET"})
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    with os.fdopen(fd, "w", encoding="ascii", newline="") as handle:
        submission.to_csv(handle, index=False, lineterminator="\r\n")
    os.replace(tmp, out)
    return out, len(submission)
