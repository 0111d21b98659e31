"""studio.testing's harness, as a plugin author uses it: the real pipeline, product-safe checks
that pass for a safe style and fail for an unsafe run."""

from __future__ import annotations

import pytest

from studio.testing import assert_product_safe, installed_styles, make_context, make_product_image, style_images


def test_a_house_style_passes_the_product_safe_check(tmp_path) -> None:
    results = style_images("wave", [make_product_image(k, size=(200, 160), seed=i)
                                    for i, k in enumerate(["mug", "sneaker"])], tmp_path, size=200)
    assert [r.status for r in results] == ["done", "done"] and results[0].info["mask"] == "detected"
    for result in results:
        assert_product_safe(result)


def test_the_check_fails_when_the_background_was_painted(tmp_path) -> None:
    (result,) = style_images("wave", [make_product_image("mug", size=(200, 160))], tmp_path, size=200,
                             background="style")
    with pytest.raises(AssertionError, match="of the background changed"):
        assert_product_safe(result)


def test_bad_settings_are_the_clis_usage_error(tmp_path) -> None:
    from studio.errors import UsageError

    with pytest.raises(UsageError, match="has no parameter"):
        style_images("wave", [make_product_image("mug", size=(64, 48))], tmp_path, {"levels": 3})


def test_installed_styles_and_a_context_for_direct_calls() -> None:
    import torch

    found = installed_styles()
    assert "wave" in found["styles"] and found["broken"] == []
    ctx = make_context(working_size=64)
    assert ctx.device == torch.device("cpu") and not ctx.cancelled
