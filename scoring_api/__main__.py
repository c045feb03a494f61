"""``python -m scoring_api users|keys ...`` (accounts and API keys) or ``demo-accounts``."""

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["demo-accounts"]:
        from scoring_api.demo_cli import main as demo_main

        sys.exit(demo_main())
    from scoring_api.security.cli import main

    sys.exit(main())
