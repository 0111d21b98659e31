"""Declared parameters: parsing and validation shared by the CLI and GUI."""

from __future__ import annotations

import pytest

from studio.api import Param


def test_param_parsing() -> None:
    assert Param("n", "int", 3, min=1, max=10).parse("7") == 7
    assert Param("x", "float", 0.5, min=0, max=1).parse("0.25") == 0.25
    assert Param("b", "bool", False).parse("yes") is True
    assert Param("c", "choice", "a", choices=("a", "b")).parse("b") == "b"


@pytest.mark.parametrize("param, value, message", [
    (Param("n", "int", 3, min=1, max=10), "11", "outside"),
    (Param("n", "int", 3), "2.5", "expected int"),
    (Param("x", "float", 0.5), "nan", "expected float"),
    (Param("b", "bool", False), "maybe", "expected bool"),
    (Param("c", "choice", "a", choices=("a", "b")), "z", "not one of a, b"),
])
def test_param_rejects_bad_values(param, value, message) -> None:
    with pytest.raises(ValueError, match=message):
        param.parse(value)


def test_a_default_outside_its_own_range_is_a_plugin_bug() -> None:
    with pytest.raises(ValueError):
        Param("n", "int", 0, min=1, max=3)


def test_a_colour_parameter_takes_hex_and_refuses_anything_else() -> None:
    import pytest

    from studio.api import Param, parse_color

    colour = Param("ink", "color", "#1B2A80", "the duotone's dark colour")
    assert colour.default == "#1B2A80" and colour.parse("#1B2A80") == "#1b2a80" and colour.parse("ffcc00") == "#ffcc00"
    assert parse_color("#ff8000") == (1.0, 128 / 255, 0.0)
    for bad in ("red", "#12345", "#gg0000", ""):
        with pytest.raises(ValueError, match="ink: expected a colour as #rrggbb"):
            colour.parse(bad)


def _duotone_registry():
    import types

    from studio.api import API_VERSION, Capabilities, Param, hookimpl
    from studio.registry import load_registry

    class Duotone:
        name, title, description = "duotone", "Duotone", "two colours"
        params = (Param("ink", "color", "#1b2a80"), Param("paper", "color", "#f4e9d8"),
                  Param("mode", "choice", "soft", choices=("soft", "hard")), Param("amount", "float", 1.0, min=0, max=1))
        capabilities = Capabilities()

        def validate(self, params):
            if params["ink"] == params["paper"]:
                raise ValueError("ink and paper must be different colours")

        def stylize(self, images, params, ctx):
            return images

    mod = types.ModuleType("duo")
    mod.STUDIO_API_VERSION = API_VERSION
    mod.studio_style_models = hookimpl(lambda: [Duotone()])
    return load_registry(extra_plugins=[("duo", mod)])


def test_a_plugins_validator_makes_a_bad_combination_a_usage_error_before_any_image(monkeypatch, tmp_path,
                                                                                     capsys) -> None:
    from studio.cli import batch

    registry = _duotone_registry()
    monkeypatch.setattr("studio.registry.load_registry", lambda *a, **k: registry)
    photo = tmp_path / "p.png"
    photo.write_bytes(b"not even read")  # a usage error comes first
    code = batch.main([str(photo), "-o", str(tmp_path / "out"), "--style", "duotone", "--param", "ink=#f4e9d8",
                       "--quiet"])
    assert code == 2
    assert "ink and paper must be different colours" in capsys.readouterr().err  # said even with --quiet
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_list_styles_shows_choices_ranges_and_colours(monkeypatch, capsys) -> None:
    from studio.cli import batch

    registry = _duotone_registry()
    monkeypatch.setattr("studio.registry.load_registry", lambda *a, **k: registry)
    assert batch.main(["--list-styles"]) == 0
    text = capsys.readouterr().out
    assert "--param ink=<a colour as #rrggbb> default '#1b2a80'" in text
    assert "--param mode=<one of soft, hard>" in text and "--param amount=<float in [0, 1]>" in text
