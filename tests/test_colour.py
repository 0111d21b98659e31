"""Colour science: CIEDE2000 against its published test data, Lab round trips, and colours
kept under a style."""

from __future__ import annotations

import pytest
import torch

from studio.colour import ciede2000, keep_colours, lab_to_rgb, mean_delta_e, rgb_to_lab

# Sharma, Wu and Dalal (2005), Table 1: (L1, a1, b1), (L2, a2, b2), ΔE00.
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, 2.8361, -74.0200), (50.0, 0.0, -82.7485), 3.4412),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, -1.1848, -84.8006), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, -0.9009, -85.5211), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, -1.0, 2.0), (50.0, 0.0, 0.0), 2.3669),
    ((50.0, 2.4900, -0.0010), (50.0, -2.4900, 0.0009), 7.1792),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (61.0, -5.0, 29.0), 22.8977),
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    ((50.0, 2.5, 0.0), (58.0, 24.0, 15.0), 19.4535),
    ((50.0, 2.5, 0.0), (50.0, 3.1736, 0.5854), 1.0000),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),
    ((35.0831, -44.1164, 3.7933), (35.0232, -40.0716, 1.5901), 1.8645),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((90.8027, -2.0831, 1.4410), (91.1528, -1.6435, 0.0447), 1.4441),
]


def test_ciede2000_matches_the_published_test_pairs() -> None:
    first = torch.tensor([p[0] for p in SHARMA])
    second = torch.tensor([p[1] for p in SHARMA])
    expected = torch.tensor([p[2] for p in SHARMA], dtype=torch.float64)
    got = ciede2000(first, second)
    assert torch.allclose(got, expected, atol=1e-4), (got - expected).abs().max()


def test_lab_round_trip_and_known_values() -> None:
    rgb = torch.rand(3, 16, 16, generator=torch.Generator().manual_seed(0))
    assert (lab_to_rgb(rgb_to_lab(rgb)) - rgb).abs().max() < 1e-4
    white, red = rgb_to_lab(torch.ones(3, 1, 1)), rgb_to_lab(torch.tensor([1.0, 0, 0]).view(3, 1, 1))
    assert white[:, 0, 0].tolist() == pytest.approx([100, 0, 0], abs=0.01)
    assert red[:, 0, 0].tolist() == pytest.approx([53.24, 80.09, 67.20], abs=0.05)  # sRGB red


def _red_shoe() -> tuple[torch.Tensor, torch.Tensor]:
    image = torch.ones(3, 96, 128)
    mask = torch.zeros(96, 128)
    mask[24:72, 20:108] = 1
    image[:, 24:72, 20:108] = torch.tensor([0.8, 0.1, 0.12]).view(3, 1, 1)
    return image, mask


def test_kept_colours_stay_red_and_keep_the_styles_texture() -> None:
    photo, mask = _red_shoe()
    stripes = (torch.arange(128) // 4 % 2).float() * 0.25
    blue = torch.tensor([0.1, 0.2, 0.8]).view(3, 1, 1) * mask + (1 - mask)
    styled = (blue + stripes).clamp(0, 1)  # a style that paints the shoe blue, with stripes
    assert mean_delta_e(photo, styled, mask) > 30
    kept = keep_colours(photo, styled, mask)
    assert mean_delta_e(photo, kept, mask) <= 6
    inside = kept[:, 30:66, 30:100]
    assert inside[0].mean() > 0.5 > inside[2].mean()  # still red
    luma = inside.mean(0)
    assert (luma[:, ::2] - luma[:, 1::2]).abs().mean() > 0.005  # the stripes' texture is there


def _rgb(path) -> torch.Tensor:
    import numpy as np
    from PIL import Image

    return torch.from_numpy(np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255).permute(2, 0, 1)


@pytest.mark.parametrize("style", ["wave", "starry", "mosaic"])
def test_preserve_colors_keeps_a_red_product_red_under_every_house_style(tmp_path, capsys, style) -> None:
    import json

    from PIL import Image, ImageDraw

    from studio.cli.batch import main
    from studio.colour import texture_change
    from studio.masks import find_product_mask

    photo = Image.new("RGB", (320, 240), "white")
    draw = ImageDraw.Draw(photo)
    draw.rounded_rectangle((60, 60, 260, 190), radius=30, fill=(196, 28, 36))  # a red product
    draw.rectangle((90, 100, 230, 120), fill=(120, 14, 20))  # with darker detail
    photo.save(tmp_path / "red.png")
    original = _rgb(tmp_path / "red.png")
    mask = find_product_mask(original).mask
    figures = {}
    for flag in ((), ("--preserve-colors",)):
        out = tmp_path / ("kept" if flag else "styled")
        assert main([str(tmp_path / "red.png"), "-o", str(out), "--style", style, "--json", "--quiet", *flag]) == 0
        reported = json.loads(capsys.readouterr().out)["outputs"][0]
        after = _rgb(out / "red.png")
        figures[bool(flag)] = (mean_delta_e(original, after, mask), texture_change(original, after, mask), reported)
    (de_kept, texture_kept, reported), (de_styled, _, _) = figures[True], figures[False]
    assert de_kept <= 6 < de_styled, (de_kept, de_styled)
    assert texture_kept > 1.0  # still visibly styled: texture, not a copy of the photo
    assert reported["colours"] == "kept" and reported["colour_delta_e"] == pytest.approx(de_kept, abs=1.0)
