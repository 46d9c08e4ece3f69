import sys
from pathlib import Path

# Lets tests import the fake-key helpers next to them.
sys.path.insert(0, str(Path(__file__).parent))
