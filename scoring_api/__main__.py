"""``python -m scoring_api users|keys|demo-accounts|fetch-bundle ...``: the server's CLI."""

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["demo-accounts"]:
        from scoring_api.demo_cli import main as demo_main

        sys.exit(demo_main())
    if sys.argv[1:2] == ["fetch-bundle"]:
        from scoring_api.bundle_fetch import main as fetch_main

        sys.exit(fetch_main(sys.argv[2:]))
    from scoring_api.security.cli import main

    sys.exit(main())
