"""Settings for mypy's Django plugin only: the real settings with DEBUG on.

The plugin imports the settings module to learn the installed apps and models; the production
settings refuse to load without SECRET_KEY, which a type check has no business knowing.
"""

import os

os.environ.setdefault("DEBUG", "1")

from ntm.web.settings import *  # noqa: F403
