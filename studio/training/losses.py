"""GAN losses on discriminator logits (D(x) = sigmoid(logit)), written in the numerically
stable softplus form: log D = -softplus(-l), log(1 - D) = -softplus(l)."""

from __future__ import annotations

import torch
import torch.nn.functional as F

GENERATOR_LOSSES = ("nonsaturating", "minimax")


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """Negative of D's objective: -(E[log D(x)] + E[log(1 - D(G(z)))]); D descends this."""
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()


def generator_loss(fake_logits: torch.Tensor, kind: str = "nonsaturating") -> torch.Tensor:
    """What G descends.

    ``minimax``: E[log(1 - D(G(z)))], the game's own term (its gradient vanishes while D
    easily rejects fakes, early in training). ``nonsaturating``: -E[log D(G(z))], the paper's
    recommended substitute with the same fixed point and strong early gradients.
    """
    if kind == "minimax":
        return -F.softplus(fake_logits).mean()
    if kind == "nonsaturating":
        return F.softplus(-fake_logits).mean()
    raise ValueError(f"unknown generator loss {kind!r}; choose one of {', '.join(GENERATOR_LOSSES)}")
