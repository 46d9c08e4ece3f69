"""`python -m wizard` is the same program as `technova-setup`."""

import sys

from wizard.cli.main import main

sys.exit(main())
