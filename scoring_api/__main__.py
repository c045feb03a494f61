"""``python -m scoring_api users|keys ...``: manage accounts and API keys."""

import sys

from scoring_api.security.cli import main

if __name__ == "__main__":
    sys.exit(main())
