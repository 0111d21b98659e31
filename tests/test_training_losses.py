"""GAN losses and metrics against their formulas on known discriminator outputs."""

from __future__ import annotations

import math

import pytest
import torch

from studio.training.losses import discriminator_loss, generator_loss, kl_value
from studio.training.metrics import EQUILIBRIUM_VALUE, KL_EQUILIBRIUM_VALUE, adversarial_metrics, kl_metrics


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_generator_losses_match_their_formulas() -> None:
    probs = torch.tensor([0.1, 0.5, 0.9])
    logits = torch.log(probs / (1 - probs))
    assert generator_loss(logits, "minimax").item() == pytest.approx(torch.log(1 - probs).mean().item(), abs=1e-6)
    assert generator_loss(logits, "nonsaturating").item() == pytest.approx(-torch.log(probs).mean().item(), abs=1e-6)
    with pytest.raises(ValueError, match="unknown loss"):
        generator_loss(logits, "wasserstein")


def test_minimax_gradient_vanishes_where_nonsaturating_does_not() -> None:
    """Early in training D rejects fakes (D(G(z)) ~ 0): the minimax gradient is ~0 there."""
    rejected = torch.tensor([logit(1e-4)], requires_grad=True)
    generator_loss(rejected, "minimax").backward()
    minimax_grad = rejected.grad.abs().item()
    rejected.grad = None
    generator_loss(rejected, "nonsaturating").backward()
    assert minimax_grad < 1e-3 < rejected.grad.abs().item()


def test_discriminator_loss_and_value_at_equilibrium() -> None:
    half = torch.zeros(8)  # D = 1/2 everywhere
    assert discriminator_loss(half, half).item() == pytest.approx(math.log(4))
    m = adversarial_metrics(half, half)
    assert m["d_real"] == pytest.approx(0.5) and m["d_fake"] == pytest.approx(0.5)
    assert m["value"] == pytest.approx(EQUILIBRIUM_VALUE) and m["jsd"] == pytest.approx(0.0, abs=1e-7)
    confident = adversarial_metrics(torch.full((8,), logit(0.9)), torch.full((8,), logit(0.1)))
    expected_value = 2 * math.log(0.9)
    assert confident["value"] == pytest.approx(expected_value, rel=1e-5)
    assert confident["jsd"] == pytest.approx((expected_value + math.log(4)) / 2, rel=1e-5)
    assert 0 < confident["d_fake"] < confident["d_real"] < 1


def test_kl_objective_matches_its_formula() -> None:
    """L(G, D) = E[D(X, G(η, X))] − E[exp(D(X, Y))]: D ascends it, G descends it."""
    real = torch.tensor([-1.0, 0.0, 0.5])  # D on real pairs (X, Y)
    fake = torch.tensor([2.0, -0.5, 1.0, 0.25])  # D on generated pairs (X, G(η, X))
    expected = fake.mean().item() - torch.exp(real).mean().item()
    assert kl_value(real, fake).item() == pytest.approx(expected, rel=1e-6)
    assert discriminator_loss(real, fake, "kl").item() == pytest.approx(-expected, rel=1e-6)  # D ascends L
    assert generator_loss(fake, "kl").item() == pytest.approx(fake.mean().item())  # G descends L
    m = kl_metrics(real, fake)
    assert m["value"] == pytest.approx(expected, rel=1e-6) and m["kl"] == pytest.approx(expected + 1, rel=1e-6)
    # At equilibrium (p_G = p_data) the optimal critic is log 1 = 0 everywhere and L = -1.
    zeros = torch.zeros(5)
    assert kl_metrics(zeros, zeros)["value"] == pytest.approx(KL_EQUILIBRIUM_VALUE)
