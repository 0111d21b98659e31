"""GAN losses on discriminator outputs.

The logistic game (Goodfellow et al. 2014) reads D's output as a logit, D(x) = sigmoid(logit),
and is written in the numerically stable softplus form: log D = -softplus(-l),
log(1 - D) = -softplus(l). The KL form (Zhou, Jiao, Liu & Huang 2022, conditional sampling)
reads D's output as an unbounded critic value.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

#: Objectives ``--loss`` offers: two generator losses for the logistic game, and the KL form.
LOSSES = ("nonsaturating", "minimax", "kl")
GENERATOR_LOSSES = LOSSES  # the name the CLI and configs used first
#: exp() of a critic value above this would overflow float32 gradients; D pushes real
#: values down anyway, so the clamp only bites in a diverging run.
_KL_EXP_LIMIT = 30.0


def discriminator_loss(real: torch.Tensor, fake: torch.Tensor, kind: str = "nonsaturating") -> torch.Tensor:
    """What D descends.

    Logistic game (``nonsaturating``/``minimax``, same D objective): -(E[log D(x)] +
    E[log(1 - D(G(z)))]). ``kl``: -L(G, D) with L = E[D(X, G(η, X))] − E[exp(D(X, Y))],
    i.e. D ascends L: high on generated pairs, exp-small on real ones. At the optimum
    D = log(p_G / p_data) and L = KL(p_G || p_data) − 1.
    """
    if kind == "kl":
        return torch.exp(real.clamp(max=_KL_EXP_LIMIT)).mean() - fake.mean()
    _check(kind)
    return F.softplus(-real).mean() + F.softplus(fake).mean()


def generator_loss(fake: torch.Tensor, kind: str = "nonsaturating") -> torch.Tensor:
    """What G descends.

    ``minimax``: E[log(1 - D(G(z)))], the game's own term (its gradient vanishes while D
    easily rejects fakes, early in training). ``nonsaturating``: -E[log D(G(z))], the paper's
    recommended substitute with the same fixed point and strong early gradients. ``kl``:
    E[D(X, G(η, X))], the part of L(G, D) that depends on G.
    """
    if kind == "minimax":
        return -F.softplus(fake).mean()
    if kind == "nonsaturating":
        return F.softplus(-fake).mean()
    if kind == "kl":
        return fake.mean()
    _check(kind)
    raise AssertionError  # unreachable


def kl_value(real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
    """L(G, D) = E[D(X, G(η, X))] − E[exp(D(X, Y))] on a minibatch."""
    return fake.mean() - torch.exp(real.clamp(max=_KL_EXP_LIMIT)).mean()


def _check(kind: str) -> None:
    if kind not in LOSSES:
        raise ValueError(f"unknown loss {kind!r}; choose one of {', '.join(LOSSES)}")
