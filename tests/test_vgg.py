"""The offline VGG-19 loader."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from studio.errors import ModelFileError
from studio.vgg import gram_matrix, load_vgg19


def test_bundled_weights_load_once_and_give_imagenet_features() -> None:
    vgg = load_vgg19()
    assert load_vgg19() is vgg  # built once per process
    x = torch.rand(1, 3, 64, 64)
    feats = vgg(x, ["relu1_1", "relu4_2", "relu5_1"])
    assert feats["relu1_1"].shape == (1, 64, 64, 64)
    assert feats["relu4_2"].shape == (1, 512, 8, 8)
    assert feats["relu5_1"].shape == (1, 512, 4, 4)
    # Trained filters respond to structure: an edge image activates relu1_1 far more than flat grey.
    flat = torch.full((1, 3, 64, 64), 0.5)
    edges = flat.clone()
    edges[..., ::2, :] = 1.0
    assert vgg(edges, ["relu1_1"])["relu1_1"].mean() > 3 * vgg(flat, ["relu1_1"])["relu1_1"].mean()


def test_gram_is_size_normalised() -> None:
    f = torch.ones(1, 4, 8, 8)
    assert torch.allclose(gram_matrix(f), torch.ones(1, 4, 4))
    assert torch.allclose(gram_matrix(torch.ones(1, 4, 16, 16)), gram_matrix(f))


@pytest.mark.parametrize("layout", [torch.contiguous_format, torch.channels_last])
def test_gram_and_its_gradient_match_the_definition_in_either_layout(layout: torch.memory_format) -> None:
    """The Gatys loss differentiates through the Gram product (a hand-written backward)."""
    f = torch.randn(2, 5, 6, 7, dtype=torch.float64).contiguous(memory_format=layout).requires_grad_(True)
    reference = torch.einsum("bchw,bdhw->bcd", f, f) / (6 * 7)
    assert torch.allclose(gram_matrix(f), reference)
    weights = torch.randn(2, 5, 5, dtype=torch.float64)
    (grad,) = torch.autograd.grad((gram_matrix(f) * weights).sum(), f)
    (expected,) = torch.autograd.grad((reference * weights).sum(), f)
    assert torch.allclose(grad, expected)
    assert torch.autograd.gradcheck(gram_matrix, (f,))
    # Under autocast the product runs in the reduced precision and the gradient keeps the input's dtype.
    x = torch.randn(1, 4, 8, 8).contiguous(memory_format=layout).requires_grad_(True)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        g = gram_matrix(x)
    assert g.dtype == torch.bfloat16
    g.float().sum().backward()
    assert x.grad is not None and x.grad.dtype == torch.float32


def test_torchvision_state_dict_is_accepted(tmp_path: Path) -> None:
    import torchvision

    features = torchvision.models.vgg19(weights=None).features
    path = tmp_path / "vgg19.pth"
    torch.save({f"features.{k}": v for k, v in features.state_dict().items()}, path)
    vgg = load_vgg19(weights_path=path)
    assert not vgg.caffe
    assert torch.equal(vgg.layers["conv1_1"].weight, features[0].weight)


def test_bad_weight_files_raise_model_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="not found"):
        load_vgg19(weights_path=tmp_path / "missing.pth")
    junk = tmp_path / "junk.pth"
    junk.write_bytes(b"not a torch file")
    with pytest.raises(ModelFileError, match="cannot read"):
        load_vgg19(weights_path=junk)
    wrong = tmp_path / "wrong.pth"
    torch.save({"layer.weight": torch.zeros(1)}, wrong)
    with pytest.raises(ModelFileError, match="not a torchvision vgg19"):
        load_vgg19(weights_path=wrong)
