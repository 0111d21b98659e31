"""Choosing the torch device a job runs on."""

from __future__ import annotations

import torch

from studio.errors import UsageError
from studio.i18n import translate

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")


def warm_up() -> None:
    """Do torch's first-use import now: the first optimizer a process builds (Gatys,
    training) imports ``torch._dynamo``, about 2 s on a small CPU, and an import cannot be
    cancelled. A long-lived process (the desktop app's device worker, before it looks for
    work) pays it at start-up instead of inside the first job, where a Cancel would wait."""
    import torch._dynamo  # noqa: F401 - the import is the point


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())


def resolve_device(requested: str = "auto") -> torch.device:
    """``auto`` picks cuda, then mps, then cpu; an explicit device that is absent is a usage error."""
    if requested == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    kind = requested.split(":")[0]
    if kind == "cuda" and not torch.cuda.is_available():
        raise UsageError(translate("devices", "--device cuda was requested but no CUDA GPU is available "
                                              "(use --device auto or cpu)"))
    if kind == "mps" and not _mps_available():
        raise UsageError(translate("devices", "--device mps was requested but Apple's Metal backend is not available"))
    if kind not in DEVICE_CHOICES:
        raise UsageError(translate("devices", "unknown device {device}; choose one of {choices}").format(
            device=repr(requested), choices=", ".join(DEVICE_CHOICES)))
    return torch.device(requested)
