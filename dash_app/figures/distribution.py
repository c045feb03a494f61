"""One feature's distribution among groups of clients, with this client's place (pure).

Data: a feature as the peers route gives it (``feature``, ``label``, ``categorical``) and its
groups ``{group: {n, missing, bins}}``; numeric bins are ``{left, right, count}`` (the same
edges in every group, half-open ``[left, right)`` but the last), categorical ones
``{level, count}`` (a missing level is ``__missing__``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from dash_app.components.feature_values import axis_format, axis_title, plot_layout
from dash_app.components.formatting import format_number, format_percent, is_missing
from dash_app.components.theme import GRANTED, INK, NEUTRAL, PAPER, REFUSED, plot_text
from dash_app.text import t, t_plural
from model_training.presentation.feature_values import MISSING_LEVEL, format_feature_value

GROUP_STYLE = {  # group -> (colour, pattern shape): never colour alone
    "all": (NEUTRAL, ""),
    "similar": (NEUTRAL, ""),
    "granted": (GRANTED, "/"),
    "refused": (REFUSED, "x"),
}
GROUP_ORDER = ("all", "similar", "granted", "refused")
MAX_LEVELS = 12  # categorical levels drawn; the less frequent ones are drawn as one bar
OTHER_LEVELS = "__other__"
Distribution = Mapping[str, Any]


def percentile_from_bins(bins: Sequence[Mapping[str, float]], value: float) -> float | None:
    """Return the share of a group below ``value`` (linear inside its bin); None if unknown."""
    total = sum(b["count"] for b in bins)
    if total == 0 or len(bins) < 2:
        return None
    below = 0.0
    for b in bins:
        if value >= b["right"]:
            below += b["count"]
        elif value > b["left"]:
            below += b["count"] * (value - b["left"]) / (b["right"] - b["left"])
    return below / total


def level_share(bins: Sequence[Mapping[str, Any]], level: str) -> float | None:
    """Return the share of a group at a categorical level; None when the group is empty."""
    total = sum(b["count"] for b in bins)
    if total == 0:
        return None
    return sum(b["count"] for b in bins if b["level"] == level) / total


def missing_share(feature: Mapping[str, Any], distribution: Distribution) -> float | None:
    """Return the share of a group with no value for the feature."""
    if not distribution["n"]:
        return None
    if feature["categorical"]:
        return level_share(distribution["bins"], MISSING_LEVEL)
    return distribution["missing"] / distribution["n"]


def _ordered(groups: Mapping[str, Distribution]) -> list[str]:
    """Return the shown groups in a stable order."""
    return [g for g in GROUP_ORDER if g in groups]


def _join(parts: list[str], lang: str) -> str:
    """Return parts joined as a sentence's list (``a, b et c``)."""
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + t("compare.and", lang) + parts[-1]


def _shares(shares: Mapping[str, float | None], lang: str) -> str:
    """Return ``72 % des clients similaires et …`` for the groups that have a share."""
    parts = [
        t(f"compare.share.{group}", lang, share=format_percent(share, lang, decimals=0))
        for group, share in shares.items()
        if share is not None
    ]
    return _join(parts, lang)


def position_summary(
    feature: Mapping[str, Any],
    groups: Mapping[str, Distribution],
    client_value: Any,
    *,
    lang: str,
) -> str:
    """Return the sentence placing this client's value among the shown groups."""
    label = feature["label"]
    order = _ordered(groups)
    if is_missing(client_value) or client_value == MISSING_LEVEL:
        shares = {g: missing_share(feature, groups[g]) for g in order}
        if all(share is None for share in shares.values()):
            return t("compare.summary.missing_alone", lang, label=label)
        return t("compare.summary.missing", lang, label=label, shares=_shares(shares, lang))
    shown = format_feature_value(feature["feature"], client_value, lang)
    if feature["categorical"]:
        shares = {g: level_share(groups[g]["bins"], str(client_value)) for g in order}
        key = "compare.summary.level"
    else:
        shares = {g: percentile_from_bins(groups[g]["bins"], float(client_value)) for g in order}
        key = "compare.summary.higher"
    if all(share is None for share in shares.values()):
        return t("compare.summary.no_comparison", lang, label=label, value=shown)
    return t(key, lang, label=label, value=shown, shares=_shares(shares, lang))


def _level_text(name: str, level: str, lang: str) -> str:
    """Return a categorical level as drawn (in words, the missing level too; markup as text)."""
    if level == OTHER_LEVELS:
        return t("compare.level_other", lang)
    return plot_text(format_feature_value(name, level, lang))


def shown_levels(groups: Mapping[str, Distribution], client_level: str | None) -> list[str]:
    """Return the levels drawn: most frequent first, the client's kept, the rest as one."""
    totals: dict[str, int] = {}
    for group in _ordered(groups):
        for b in groups[group]["bins"]:
            totals[b["level"]] = totals.get(b["level"], 0) + b["count"]
    levels = sorted(totals, key=lambda level: -totals[level])
    if len(levels) <= MAX_LEVELS:
        return levels
    kept = levels[: MAX_LEVELS - 1]
    if client_level in levels and client_level not in kept:
        kept[-1] = client_level
    return [*kept, OTHER_LEVELS]


def _categorical_traces(
    name: str, groups: Mapping[str, Distribution], client_level: str | None, lang: str
) -> tuple[list[go.Bar], list[str]]:
    """Return one horizontal bar trace per group (share at each level) and the level order."""
    levels = shown_levels(groups, client_level)
    traces = []
    for group in _ordered(groups):
        counts = {b["level"]: b["count"] for b in groups[group]["bins"]}
        total = sum(counts.values())
        counts[OTHER_LEVELS] = total - sum(counts.get(level, 0) for level in levels)
        colour, pattern = GROUP_STYLE[group]
        drawn = [counts.get(level, 0) for level in levels]
        traces.append(
            go.Bar(
                x=[count / (total or 1) for count in drawn],
                y=[_level_text(name, level, lang) for level in levels],
                orientation="h",
                name=group_name(group, groups[group], lang),
                marker={
                    "color": colour,
                    "pattern": {"shape": pattern, "fgcolor": PAPER, "solidity": 0.3},
                    "line": {
                        "color": INK,
                        "width": [4 if level == client_level else 0 for level in levels],
                    },
                },
                customdata=drawn,
                hovertemplate="%{y}: %{x:.1%} (%{customdata})<extra>%{fullData.name}</extra>",
            )
        )
    return traces, levels


def group_name(group: str, distribution: Distribution, lang: str) -> str:
    """Return a group's legend entry with its size (``Clients similaires (1 234 clients)``)."""
    return t_plural(
        "compare.legend_size",
        distribution["n"],
        lang,
        group=t(f"compare.legend.{group}", lang),
        count=format_number(distribution["n"], lang),
    )


def _bin_text(name: str, b: Mapping[str, float], total: int, lang: str) -> str:
    """Return a bin's hover text: its bounds, count and share of the group."""
    return t_plural(
        "compare.hover.bin",
        b["count"],
        lang,
        left=format_feature_value(name, b["left"], lang),
        right=format_feature_value(name, b["right"], lang),
        count=format_number(b["count"], lang),
        share=format_percent(b["count"] / total, lang),
    )


def _numeric_traces(name: str, groups: Mapping[str, Distribution], lang: str) -> list[go.Bar]:
    """Return one histogram trace per group, as densities (bins have unequal widths)."""
    traces = []
    for group in _ordered(groups):
        bins = groups[group]["bins"]
        total = sum(b["count"] for b in bins) or 1
        colour, pattern = GROUP_STYLE[group]
        traces.append(
            go.Bar(
                x=[(b["left"] + b["right"]) / 2 for b in bins],
                y=[b["count"] / total / max(b["right"] - b["left"], 1e-12) for b in bins],
                width=[b["right"] - b["left"] for b in bins],
                name=group_name(group, groups[group], lang),
                opacity=0.6 if len(groups) > 1 else 0.85,
                marker={
                    "color": colour,
                    "pattern": {"shape": pattern, "fgcolor": PAPER, "solidity": 0.3},
                    "line": {"color": colour, "width": 1},
                },
                hovertext=[_bin_text(name, b, total, lang) for b in bins],
                hovertemplate="%{hovertext}<extra>%{fullData.name}</extra>",
            )
        )
    return traces


def make_distribution_figure(
    feature: Mapping[str, Any],
    groups: Mapping[str, Distribution],
    client_value: Any,
    *,
    lang: str,
) -> go.Figure:
    """Draw a feature's distribution in each shown group, with this client's value marked."""
    figure = go.Figure()
    is_missing_value = is_missing(client_value) or client_value == MISSING_LEVEL
    marker_text = t("compare.this_client", lang)
    if feature["categorical"]:
        level = MISSING_LEVEL if is_missing_value else str(client_value)
        traces, levels = _categorical_traces(feature["feature"], groups, level, lang)
        figure.add_traces(traces)
        figure.update_layout(
            barmode="group",
            height=max(320, 90 + 26 * len(levels) * max(len(groups), 1)),
            xaxis={"title": {"text": t("compare.axis_share", lang)}, "tickformat": ".0%"},
            yaxis={"autorange": "reversed", "automargin": True},
        )
        if level in levels:
            top = max(trace.x[levels.index(level)] for trace in traces)
            figure.add_annotation(
                x=top,
                y=_level_text(feature["feature"], level, lang),
                text=f"◀ {marker_text}",
                showarrow=False,
                xanchor="left",
                xshift=6,
                font={"color": INK, "size": 14},
            )
    else:
        figure.add_traces(_numeric_traces(feature["feature"], groups, lang))
        figure.update_layout(
            barmode="overlay",
            bargap=0,
            height=420,
            xaxis={
                "title": {
                    "text": plot_text(axis_title(feature["feature"], feature["label"], lang))
                },
                **axis_format(feature["feature"]),
            },
            yaxis={
                "title": {"text": t("compare.axis_density", lang)},
                "showticklabels": False,
                "rangemode": "tozero",
            },
        )
        if not is_missing_value:
            value = float(client_value)
            shown = format_feature_value(feature["feature"], value, lang)
            figure.add_shape(
                type="line",
                x0=value,
                x1=value,
                y0=0,
                y1=1,
                xref="x",
                yref="paper",
                line={"color": INK, "width": 3, "dash": "dash"},
            )
            figure.add_annotation(
                x=value,
                y=1,
                yref="paper",
                text=f"{marker_text} : {shown}" if lang == "fr" else f"{marker_text}: {shown}",
                showarrow=False,
                yanchor="bottom",
                bgcolor=PAPER,
                bordercolor=INK,
                borderwidth=1,
                font={"color": INK, "size": 14},
            )
    figure.update_layout(**plot_layout(lang), showlegend=len(groups) > 1)
    return figure
