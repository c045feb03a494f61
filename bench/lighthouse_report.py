"""The summary of bench/lighthouse.py: targets, the Markdown table and the files it writes."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent / "out" / "lighthouse"
ID = "<id>"  # stands for the refused client in page paths
VERSIONS = ("before", "after")
HEAVY_PAGES = frozenset(
    {f"/clients/{ID}", f"/clients/{ID}/compare", f"/clients/{ID}/what-if", "/model", "/my-data"}
)
FIRST_VISIT_MAX_KB = 1500
REPEAT_VISIT_MAX_KB = 150
DESKTOP_LCP_MAX_SECONDS = 2.0
MOBILE_LCP_MAX_SECONDS = {True: 8.0, False: 4.0}  # heavy page or not
TARGETS = (
    f"Targets: first visit <= {FIRST_VISIT_MAX_KB:,} kB, repeat visit <= {REPEAT_VISIT_MAX_KB} kB,"
    f" first-visit LCP <= {DESKTOP_LCP_MAX_SECONDS} s on desktop and on mobile <= "
    f"{MOBILE_LCP_MAX_SECONDS[True]:.0f} s (client file, compare, what-if, model, my data) or <= "
    f"{MOBILE_LCP_MAX_SECONDS[False]:.0f} s (the others), accessibility 100. kB = 1,000 bytes."
)


def lcp_target(preset: str, path: str) -> float:
    """Return the first-visit LCP target of a page, in seconds."""
    if preset == "desktop":
        return DESKTOP_LCP_MAX_SECONDS
    return MOBILE_LCP_MAX_SECONDS[path in HEAVY_PAGES]


def figures(cold: dict, warm: dict) -> list[float | None]:
    """Return the figures of one flow: kB (first, repeat), FCP, LCP, repeat LCP, TBT, scores."""
    seconds = [None if v is None else v / 1000 for v in (cold["fcp_ms"], cold["lcp_ms"])]
    repeat_lcp = None if warm["lcp_ms"] is None else warm["lcp_ms"] / 1000
    scores = [None if v is None else 100 * v for v in (cold["performance"], cold["accessibility"])]
    kilobytes = [cold["bytes"] / 1000, warm["bytes"] / 1000]
    return [*kilobytes, *seconds, repeat_lcp, cold["tbt_ms"], *scores]


def median_figures(runs: list[list[float | None]]) -> list[float | None]:
    """Return the median of each figure over the runs (None where no run has it)."""
    columns = [[v for v in column if v is not None] for column in zip(*runs, strict=True)]
    return [statistics.median(column) if column else None for column in columns]


def missed_targets(values: list[float | None], preset: str, page: str) -> str:
    """Return the targets a row's figures miss, comma-separated ("" when none)."""
    first_kb, repeat_kb, _, lcp, _, _, _, a11y = values
    missed = {
        "first visit": first_kb is not None and first_kb > FIRST_VISIT_MAX_KB,
        "repeat visit": repeat_kb is not None and repeat_kb > REPEAT_VISIT_MAX_KB,
        "LCP": lcp is None or lcp > lcp_target(preset, page),
        "a11y": a11y is None or a11y < 100,
    }
    return ", ".join(name for name, is_missed in missed.items() if is_missed)


FORMATS = ("{:,.0f}", "{:,.0f}", "{:.2f}", "{:.2f}", "{:.2f}", "{:,.0f}", "{:.0f}", "{:.0f}")
HEADER = (
    "| page | role | preset | version | first visit kB | repeat visit kB | FCP s | LCP s "
    "| repeat LCP s | TBT ms | perf | a11y | targets missed | check |\n"
    "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
)


def summary_table(rows: list[dict]) -> str:
    """Return the Markdown table: one row a page, role, preset and version, then the ratios."""
    flows: dict[tuple, dict[str, dict]] = {}  # (page, role, preset, version, run) -> visits
    for row in rows:
        key = (row["page"], row["role"], row["preset"], row["version"], row["run"])
        flows.setdefault(key, {})[row["visit"]] = row
    lines = [HEADER]
    for page, role, preset in dict.fromkeys(key[:3] for key in flows):
        by_version = {}
        for version in VERSIONS:
            runs = [v for k, v in flows.items() if k[:4] == (page, role, preset, version)]
            if not runs:
                continue
            values = median_figures([figures(run["cold"], run["warm"]) for run in runs])
            by_version[version] = values
            cells = [
                "-" if v is None else fmt.format(v) for fmt, v in zip(FORMATS, values, strict=True)
            ]
            checks = sorted({run[visit]["check"] for run in runs for visit in run} - {"ok"})
            lines.append(
                f"| {page} | {role} | {preset} | {version} | {' | '.join(cells)} "
                f"| {missed_targets(values, preset, page) or '-'} | {'; '.join(checks) or 'ok'} |"
            )
        if len(by_version) == len(VERSIONS):
            ratios = [
                f"{a / b:.2f}" if a is not None and b else "-"
                for a, b in zip(by_version["after"], by_version["before"], strict=True)
            ]
            lines.append(f"| | | | after / before | {' | '.join(ratios)} | | |")
    return "\n".join(lines)


def write_summary(rows: list[dict], args: argparse.Namespace, client_id: int) -> str:
    """Write results.jsonl and summary.md in OUT_DIR; return the summary."""
    with (OUT_DIR / "results.jsonl").open("w") as out:
        out.writelines(json.dumps(row) + "\n" for row in rows)
    seconds = {p: [r["seconds"] for r in rows if r["preset"] == p] for p in args.presets}
    runs = f"median of {args.runs} runs" if args.runs > 1 else "one run"
    per_flow = ", ".join(f"{p} {sum(s) / len(s):.0f} s" for p, s in seconds.items() if s)
    summary = "\n\n".join(
        [
            f"Lighthouse 12.2.3, {time.strftime('%Y-%m-%d %H:%M')}: before = {args.before}, after"
            f" = the working tree; APP_ENV={args.app_env}; client {client_id}; "
            f"{args.data_dir}, {args.artifacts_dir}. A row: {runs} of a flow, first visit (cold"
            " cache) then repeat visit (same profile); FCP, LCP, TBT, perf, a11y: first visit;"
            f" kB = total-byte-weight (transferred bytes, 304s included). Time a flow: {per_flow}.",
            TARGETS,
            summary_table(rows),
        ]
    )
    (OUT_DIR / "summary.md").write_text(summary + "\n", encoding="utf-8")
    return summary
