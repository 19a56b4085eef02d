"""pytest, in every folder: tests read the Python sources of the compiled path.

pytest's doctests cannot look inside compiled functions, and a test should read the sources as
they are while being edited; ``tests/loaders/test_native.py`` runs the compiled modules and
checks that they give the same facts.
"""

import os

os.environ.setdefault("DKG_NATIVE", "off")
