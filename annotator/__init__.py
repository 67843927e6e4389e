"""Claim annotator: label claims, actors, stance and attribution in news articles."""

import logging

# Silent until `annotator.logs.setup_logging` (the app and the CLI call it): used as a
# library, the package prints nothing of its own.
logging.getLogger("annotator").addHandler(logging.NullHandler())

__version__ = "0.1.0"
