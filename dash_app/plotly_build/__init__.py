"""The dashboard's plotly.js: the official "finance" partial build, not the full 4.8 MB bundle.

It holds the trace types the dashboard draws (bar, scatter, indicator, waterfall) and a few
more (1.28 MB minified, 0.39 MB over brotli, against 4.8 MB and 1.4 MB). It comes from the npm
registry at install time (``python -m dash_app.plotly_build.fetch``, run by ``make install``
and the Heroku build), checked against the registry's sha512, and is served by the dashboard
from this folder with a fingerprinted URL: nothing is fetched at run time.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = "plotly.js-finance-dist-min"
VERSION = "4.1.0"
INTEGRITY = (  # the npm registry's dist.integrity of the tarball
    "sha512-0EFmfaRk7qYE9ZmnqX35LgBg7haCr1SLUNna4+jxaUk15eIeOSvjn+rH6UP2SCzzRXbRP6y+XiVR2HrvaHJapQ=="
)
MEMBER = "package/plotly-finance.min.js"  # the build inside the tarball
LICENSE_MEMBER = "package/LICENSE"
# The build's trace modules (its README); the dashboard's figures use only these.
TRACE_TYPES = frozenset(
    {
        "bar",
        "candlestick",
        "funnel",
        "funnelarea",
        "histogram",
        "indicator",
        "ohlc",
        "pie",
        "scatter",
        "waterfall",
    }
)
FOLDER = Path(__file__).resolve().parent
FILE_NAME = f"plotly-finance-{VERSION}.min.js"
BUILD_FILE = FOLDER / FILE_NAME
LICENSE_FILE = FOLDER / f"plotly-finance-{VERSION}.LICENSE"
__version__ = VERSION  # Dash's component-suite route reads the serving package's version


def is_installed() -> bool:
    """Tell whether the build was fetched into this folder."""
    return BUILD_FILE.is_file()
