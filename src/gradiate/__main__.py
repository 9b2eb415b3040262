"""``python -m gradiate serve app.py``: the ``gradiate`` command."""

import sys

from gradiate.cli import main

sys.exit(main())
