"""``python -m scoring_api <command>``: see ``scoring_api/cli.py`` (``--help`` lists them)."""

import sys

from scoring_api.cli import main

if __name__ == "__main__":
    sys.exit(main())
