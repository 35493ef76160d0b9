"""`python -m alliance_app.cli`: the same command as alliance-app."""

import sys

from alliance_app.cli import main

sys.exit(main())
