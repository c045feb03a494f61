"""Prometheus' own rule checker (promtool, Debian's prometheus package) for the alert rules.

``firing_alerts`` evaluates ``ops/prometheus/alerts.yml`` as Prometheus would on series held
constant for ten minutes, and checks with a promtool unit test that exactly the expected
alerts fire (their labels; annotations are the rules file's own).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from tests.processes import ROOT

RULES = ROOT / "ops" / "prometheus" / "alerts.yml"
CONFIG = ROOT / "ops" / "prometheus" / "prometheus.yml"
HELD = "10m"  # how long the series are held before the alerts are read


def promtool() -> str:
    """Return promtool's path, or fail saying how to install it (`make system`)."""
    path = shutil.which("promtool")
    assert path, "promtool is missing: `make system` installs Debian's prometheus package"
    return path


def samples(exposition: str, name: str) -> list[tuple[dict[str, str], float]]:
    """Return the (labels, value) of each sample of metric ``name`` in a /metrics text."""
    return [
        (dict(sample.labels), sample.value)
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
        if sample.name == name
    ]


def _series(name: str, labels: Mapping[str, str]) -> str:
    inner = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    return f"{name}{{{inner}}}"


def run_rule_test(
    tmp_path: Path,
    series: Iterable[tuple[str, Mapping[str, str], float]],
    firing: Iterable[Mapping[str, str]],
) -> subprocess.CompletedProcess[str]:
    """Run a promtool unit test: the series held constant, exactly ``firing`` alerts fire."""
    test = {
        "rule_files": [str(RULES)],
        "evaluation_interval": "1m",
        "tests": [
            {
                "interval": "1m",
                "input_series": [
                    {"series": _series(name, labels), "values": f"{value:g}x10"}
                    for name, labels, value in series
                ],
                "promql_expr_test": [
                    {
                        "expr": 'ALERTS{alertstate="firing"}',
                        "eval_time": HELD,
                        "exp_samples": [
                            {
                                "labels": _series("ALERTS", {"alertstate": "firing", **labels}),
                                "value": 1,
                            }
                            for labels in firing
                        ],
                    }
                ],
            }
        ],
    }
    path = tmp_path / "alert_test.yml"
    path.write_text(json.dumps(test, indent=1))  # JSON is YAML
    return subprocess.run(
        [promtool(), "test", "rules", str(path)], capture_output=True, text=True, check=False
    )
