"""What a training run reports each step, from the discriminator's logits."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

#: V(D, G) at the game's equilibrium (p_g = p_data, D = 1/2 everywhere): -log 4.
EQUILIBRIUM_VALUE = -math.log(4.0)


@torch.no_grad()
def adversarial_metrics(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> dict[str, float]:
    """D(x), D(G(z)) (means of probabilities), the value V = E[log D(x)] + E[log(1 - D(G(z)))],
    and ``jsd`` = (V + log 4) / 2: by Goodfellow et al. (Theorem 1), V at the optimal D equals
    -log 4 + 2 JSD(p_data || p_g), so this estimates the Jensen-Shannon divergence (in nats)
    to the extent D is near-optimal. Clamped at 0, its lower bound."""
    value = (-F.softplus(-real_logits).mean() - F.softplus(fake_logits).mean()).item()
    return {
        "d_real": torch.sigmoid(real_logits).mean().item(),
        "d_fake": torch.sigmoid(fake_logits).mean().item(),
        "value": value,
        "jsd": max(0.0, (value - EQUILIBRIUM_VALUE) / 2.0),
    }


#: L(G, D) of the KL form at its equilibrium (p_G = p_data, D = 0 everywhere): -1.
KL_EQUILIBRIUM_VALUE = -1.0


@torch.no_grad()
def kl_metrics(real: torch.Tensor, fake: torch.Tensor) -> dict[str, float]:
    """For ``--loss kl``: the critic's mean values on real and generated pairs (``d_real``,
    ``d_fake``; 0 at equilibrium), ``value`` = L(G, D) and ``kl`` = L + 1, which estimates
    KL(p_G || p_data) to the extent D is near-optimal (at the optimum D = log(p_G / p_data))."""
    from studio.training.losses import kl_value

    value = kl_value(real, fake).item()
    return {"d_real": real.mean().item(), "d_fake": fake.mean().item(), "value": value,
            "kl": value - KL_EQUILIBRIUM_VALUE}
