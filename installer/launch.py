"""Entry script of the frozen application: the same `alliance-app` command the pip install provides."""

import sys

from alliance_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
