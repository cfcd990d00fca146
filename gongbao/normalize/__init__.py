"""Stage 2: repair what PDF extraction did to the layout."""

from .fold import fold
from .layout import Prepared, prepare, tighten

__all__ = ["Prepared", "fold", "prepare", "tighten"]
