"""`./run`: production-grade server and DEBUG off, but over plain HTTP on this machine.

Use config.settings.prod behind HTTPS for a real deployment.
"""

from .base import *  # noqa: F403
