"""`python -m game` runs the `city` command."""

import sys

from game.cli import main

sys.exit(main())
