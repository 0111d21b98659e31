"""The starter's own tests: run them with `pytest` after `pip install -e .`. They use only
Style Studio's public test harness (``studio.testing``): the real plugin discovery and the
real pipeline, nothing internal."""

from __future__ import annotations

import numpy as np

from studio.testing import assert_product_safe, installed_styles, make_product_image, style_images


def test_the_style_is_listed_with_its_parameters() -> None:
    found = installed_styles()
    posterize = found["styles"]["posterize"]
    assert posterize["distribution"] == "studio-posterize"
    assert [p["name"] for p in posterize["params"]] == ["levels", "outline"]
    assert not [b for b in found["broken"] if b["plugin"] == "studio_posterize"]


def test_two_levels_give_flat_colours(tmp_path) -> None:
    (result,) = style_images("posterize", [make_product_image("mug", size=(160, 120), seed=1)], tmp_path,
                             {"levels": 2, "outline": 0}, size=160, background="style")
    assert result.status == "done"
    assert np.isin(result.after, (0, 255)).mean() > 0.95  # two levels per channel: 0 or 255


def test_the_background_stays_as_photographed(tmp_path) -> None:
    for result in style_images("posterize", [make_product_image(kind, size=(200, 160), seed=i)
                                             for i, kind in enumerate(["mug", "sneaker", "bag"])], tmp_path):
        assert_product_safe(result)


def test_outlines_darken_edges_only(tmp_path) -> None:
    photo = make_product_image("bag", size=(160, 120), seed=2)
    results = {outline: style_images("posterize", [photo], tmp_path / str(outline), {"outline": outline},
                                     size=160, background="style")[0].after.astype(np.float64).mean(axis=2)
               for outline in (0, 1)}
    darker = results[0] - results[1]
    assert darker.min() >= -1  # outlines only ever darken
    assert (darker > 30).mean() > 0.005  # and they do darken the edges
