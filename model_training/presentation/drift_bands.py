"""The drift bands of a PSI (stable, moderate, significant): their edges and the reading.

The one owner of the band edges: the evaluation stores them with each reading, the report's
table, figure colours and text and the dashboard's legend and labels read a PSI with
``reading``. Each band includes its lower edge, and a PSI reads as it is shown (rounded to
``PSI_DIGITS``), so a label never contradicts the number beside it.
"""

from __future__ import annotations

MODERATE = 0.1
SIGNIFICANT = 0.25
PSI_DIGITS = 3  # a PSI is shown with 3 decimals
STABLE_READING, MODERATE_READING, SIGNIFICANT_READING = "stable", "moderate", "significant"
READINGS: tuple[str, ...] = (STABLE_READING, MODERATE_READING, SIGNIFICANT_READING)


def reading(value: float, moderate: float = MODERATE, significant: float = SIGNIFICANT) -> str:
    """Return the reading of a PSI as shown (rounded): stable, moderate or significant.

    ``moderate`` itself reads moderate and ``significant`` itself significant; 0.0996, shown
    0.100, reads moderate.
    """
    shown = round(float(value), PSI_DIGITS)
    if shown < moderate:
        return STABLE_READING
    return MODERATE_READING if shown < significant else SIGNIFICANT_READING
