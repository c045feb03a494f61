"""Entry point of ``python -m model_training``."""

import sys

from model_training.cli import main

if __name__ == "__main__":
    sys.exit(main())
