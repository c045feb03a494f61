"""The report's words: one sentence per figure with its numbers (text alternative), model card."""

from __future__ import annotations

import math
from collections.abc import Sequence

from model_training.data.schema import PROTECTED_ATTRIBUTE
from model_training.evaluate.report.style import report_number, report_percent
from model_training.presentation.drift_bands import PSI_DIGITS, STABLE_READING, reading


def describe_cost(cost: dict) -> str:
    """Say what the cost curve shows and what the chosen threshold saves against 0.5."""
    chosen, half = cost["chosen"], cost["half"]
    return (
        "Expected cost per client of refusing everyone whose probability of default is at or "
        f"above the threshold; the chosen threshold {chosen['threshold']:.3f} costs "
        f"{chosen['cost_per_client']:.3f} per client against {half['cost_per_client']:.3f} at "
        "0.5 (out-of-fold predictions of the train clients, shaded band = spread over folds)."
    )


def describe_roc(roc: dict) -> str:
    """Say what the ROC figure shows, with the AUC and its spread."""
    return (
        f"ROC curve of each of the {len(roc['folds'])} cross-validation folds and their mean: "
        f"AUC {roc['auc_mean']:.3f} ± {roc['auc_std']:.3f} (0.5 is chance, 1 is perfect)."
    )


def describe_precision_recall(pr: dict) -> str:
    """Say what the precision-recall figure shows."""
    return (
        "Share of refused clients who would default (precision) against the share of "
        f"defaulters caught (recall); average precision {pr['average_precision']:.3f} against "
        f"{pr['base_rate']:.3f} for refusing at random."
    )


def describe_calibration(calibration: dict) -> str:
    """Say whether predicted probabilities match observed default rates."""
    return (
        "Observed default rate against mean predicted probability in bins of equal size; "
        "points on the diagonal mean the probabilities can be read as frequencies. Brier "
        f"score {calibration['brier']:.4f} (predicting the base rate for all: "
        f"{calibration['brier_reference']:.4f})."
    )


def describe_confusion(confusion: dict) -> str:
    """Say how the train clients' out-of-fold decisions split at the threshold."""
    tp, fn, fp, tn = (report_number(confusion[key]) for key in ("tp", "fn", "fp", "tn"))
    return (
        f"At threshold {confusion['threshold']:.3f}, {tp} defaulters are refused "
        f"and {fn} granted; {fp} clients who repaid are refused and {tn} granted "
        f"(refusal rate {report_percent(confusion['refusal_rate'])})."
    )


def describe_fairness(rows: Sequence[dict]) -> str:
    """Say what the fairness figure shows and the widest approval-rate gap."""
    gaps = []
    for attribute in dict.fromkeys(r["attribute"] for r in rows):
        rates = [
            r["approval_rate"] for r in rows if r["attribute"] == attribute and not r["is_small"]
        ]
        rates = [v for v in rates if v is not None and not math.isnan(v)]
        if rates:
            gaps.append(
                f"by {attribute} from {report_percent(min(rates))} to {report_percent(max(rates))}"
            )
    spread = "; ".join(gaps) if gaps else "no group is large enough to compare"
    return (
        "Approval rate, share of defaulters refused (true positive rate) and share of good "
        "clients refused (false positive rate) by gender and by age band; approval ranges "
        f"{spread}."
    )


def describe_drift(drift: dict) -> str:
    """Say which feature shifted most between train and test clients."""
    rows = drift["rows"]
    if not drift["n_test"]:
        return (
            "No test clients (the data has no application_test): drift between train and test "
            "clients is not measured."
        )
    if not rows:
        return "No feature to compare."
    worst = rows[0]
    limits = drift["thresholds"]
    readings = [reading(r["psi"], limits["moderate"], limits["significant"]) for r in rows]
    n_shifted = len(rows) - readings.count(STABLE_READING)
    return (
        "Population stability index of each feature between train and test clients, most "
        f"shifted first: {worst['feature']} has the largest PSI ({worst['psi']:.{PSI_DIGITS}f}, "
        f"{readings[0]}); {n_shifted} of {len(rows)} features reach {limits['moderate']:g} "
        f"or more (moderate from {limits['moderate']:g}, significant from "
        f"{limits['significant']:g})."
    )


def describe_ablation(ablation: dict) -> str:
    """Say what the history tables add to the application table."""
    application, every = ablation["application"], ablation["all"]
    return (
        f"Cross-validated AUC with the {application['n_features']} application features alone "
        f"({application['auc_mean']:.3f}) and with all {every['n_features']} features "
        f"({every['auc_mean']:.3f}): the history tables add {ablation['auc_gain']:+.3f}."
    )


def describe_baselines(baselines: dict) -> str:
    """Say what each stage of the pipeline is worth on the model's folds."""
    rows = {r["name"]: r for r in baselines["rows"]}
    figures = "; ".join(
        f"{r['label']} AUC {r['auc_mean']:.3f} ± {r['auc_std']:.3f}, cost {r['cost_mean']:.3f}"
        for r in baselines["rows"]
    )
    n_clients = report_number(baselines["n_clients"])
    clients = f"the {n_clients} train clients"
    if baselines["is_sample"]:
        n_train, most = (report_number(baselines[k]) for k in ("n_train_clients", "max_clients"))
        clients = (
            f"a sample of {n_clients} of the {n_train} "
            f"train clients, stratified by fold and default (at most {most}"
            "; the plain CatBoost learns from fewer clients than the model, which favours the "
            "model)"
        )
    gain = rows["model"]["auc_mean"] - rows["raw_catboost"]["auc_mean"]
    directions = ""
    if "model_unconstrained" in rows:
        cost = rows["model_unconstrained"]["auc_mean"] - rows["model"]["auc_mean"]
        directions = (
            f" The monotone directions of the credit policy cost {cost:+.4f} AUC against the "
            "same model without them (a negative figure: they gain)"
        )
        directions += (
            "; on a sample the unconstrained model learns from fewer clients than the model, "
            "which favours the model: bench/monotone.py compares both on all clients."
            if baselines["is_sample"]
            else "."
        )
    return (
        f"Cross-validated AUC (mean ± std over the model's {baselines['n_folds']} folds) and "
        "cost per client, each at its own cost-optimal threshold, on "
        f"{clients}: {figures}. Engineered features and history tables add {gain:+.3f} AUC "
        f"over CatBoost on the raw application columns.{directions}"
    )


def describe_oracle(oracle: dict) -> str:
    """Say how close the model comes to the generator's true probabilities."""
    test = oracle["test"]
    if not test["n"]:
        return (
            "No test clients to compare: on train clients (out of fold) the model reaches AUC "
            f"{oracle['train_oof']['model_auc']:.3f} where the true probabilities reach "
            f"{oracle['train_oof']['oracle_auc']:.3f}."
        )
    return (
        f"On the {report_number(test['n'])} test clients the served model reaches AUC "
        f"{test['model_auc']:.3f} "
        f"where the true probabilities reach {test['oracle_auc']:.3f} (gap "
        f"{test['auc_gap']:.3f}); train clients are compared out of fold."
    )


def describe_importance(importance: Sequence[dict]) -> str:
    """Say which features weigh most on the model's output."""
    top = ", ".join(r["label"] for r in list(importance)[:3])
    return (
        "Mean absolute SHAP contribution (log-odds) of the most influential features over the "
        f"train clients; the three largest: {top}."
    )


MODEL_CARD: tuple[tuple[str, str], ...] = (
    (
        "Intended use",
        "Support advisors of Prêt à dépenser in deciding consumer credit applications: the "
        "model estimates the probability that an applicant defaults; the decision refuses at "
        "or above a threshold chosen to minimise the expected cost of errors. An advisor "
        "reviews the decision on request (RGPD art. 22); the model does not replace them.",
    ),
    (
        "Data",
        "Home Credit Default Risk schema: the application plus the applicant's history "
        "(credit bureau, previous applications, instalments, POS and card balances), one row "
        "of features per client. Metrics are measured out of fold on the train clients.",
    ),
    (
        "Fairness",
        f"{PROTECTED_ATTRIBUTE} is not a model input (French and EU anti-discrimination rules, "
        "CNIL credit-scoring rules); it is kept only to measure decisions and errors by gender, as "
        "shown above. Age is a risk factor; its effect is reported by age band. Protected "
        "attributes are never given as reasons for a decision.",
    ),
    (
        "Limits",
        "The probabilities are CatBoost's raw output, not recalibrated: read them with the "
        "calibration figure. Performance holds for a population like the training one; "
        "features with a PSI above 0.25 mean the scored population differs. Small groups "
        "(flagged) give unreliable rates. Costs per error are business assumptions.",
    ),
)
