"""`python -m wizard` is the same program as `technova-setup`."""

import sys

from wizard.cli import main

sys.exit(main())
