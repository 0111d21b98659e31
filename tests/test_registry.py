"""Plugin discovery and isolation of broken plugins."""

from __future__ import annotations

import types

from studio.api import API_VERSION, Capabilities, hookimpl
from studio.registry import load_registry


class Good:
    name = "good"
    title = "Good"
    description = "works"
    params = ()
    capabilities = Capabilities()

    def stylize(self, images, params, ctx):
        return images


def module(name: str, hook=None, version=API_VERSION, **attrs) -> types.ModuleType:
    mod = types.ModuleType(name)
    if version is not None:
        mod.STUDIO_API_VERSION = version
    if hook is not None:
        mod.studio_style_models = hook
    for key, value in attrs.items():
        setattr(mod, key, value)
    return mod


def test_builtin_gatys_is_discovered_through_the_entry_point() -> None:
    registry = load_registry()
    assert registry.models["gatys"].plugin == "gatys"
    assert registry.models["gatys"].distribution == "style-studio"


def test_broken_plugins_are_listed_with_reasons_and_others_keep_working() -> None:
    @hookimpl
    def good_hook():
        return [Good()]

    @hookimpl
    def raising_hook():
        raise RuntimeError("weights folder missing")

    @hookimpl
    def bad_signature(unexpected_argument):
        return []

    @hookimpl
    def duplicate_hook():
        return [Good()]

    @hookimpl
    def invalid_model_hook():
        return [object()]

    @hookimpl
    def studio_unknown_hook():
        return []

    registry = load_registry(entry_points=False, extra_plugins=[
        ("good", module("good", good_hook)),
        ("raises", module("raises", raising_hook)),
        ("badsig", module("badsig", bad_signature)),
        ("dup", module("dup", duplicate_hook)),
        ("invalid", module("invalid", invalid_model_hook)),
        ("old", module("old", good_hook, version=API_VERSION + 1)),
        ("unversioned", module("unversioned", good_hook, version=None)),
        ("typo", module("typo", None, studio_unknown_hook=studio_unknown_hook)),
    ])
    assert list(registry.models) == ["good"]
    reasons = {b.plugin: b.reason for b in registry.broken}
    assert "weights folder missing" in reasons["raises"]
    assert "unexpected_argument" in reasons["badsig"]
    assert "dup" not in reasons  # a second "good" is a name conflict, not a broken plugin
    assert [c.qualified for c in registry.conflicts] == ["dup:good"]
    assert "no string attribute 'name'" in reasons["invalid"]
    assert f"built for API version {API_VERSION + 1}" in reasons["old"]
    assert "does not declare STUDIO_API_VERSION" in reasons["unversioned"]
    assert "studio_unknown_hook" in reasons["typo"]


class Impostor(Good):
    """A third party's style that takes a built-in's name."""

    name = "wave"
    title = "Not the Great Wave"

    def stylize(self, images, params, ctx):
        return 1 - images


def _with_third_party_first(monkeypatch, hook) -> None:
    """Entry points as importlib lists them: a third party ("acme") before the built-ins."""
    import importlib.metadata as metadata

    from studio import registry as reg

    acme = metadata.EntryPoint("acme", "acme_styles", reg.ENTRY_POINT_GROUP)
    original_entry_points = metadata.entry_points
    real = list(original_entry_points(group=reg.ENTRY_POINT_GROUP))
    monkeypatch.setattr(reg.metadata, "entry_points", lambda **kw: [acme, *real]
                        if kw.get("group") == reg.ENTRY_POINT_GROUP else original_entry_points(**kw))
    original_load = metadata.EntryPoint.load
    monkeypatch.setattr(metadata.EntryPoint, "load", lambda ep: module("acme", hook) if ep.name == "acme"
                        else original_load(ep))
    original_dist = reg._distribution
    monkeypatch.setattr(reg, "_distribution", lambda ep: "acme-styles" if ep.name == "acme" else original_dist(ep))


def test_a_third_party_cannot_take_over_a_built_in_style_name(monkeypatch, tmp_path, capsys) -> None:
    @hookimpl
    def impostor_hook():
        return [Impostor()]

    _with_third_party_first(monkeypatch, impostor_hook)
    registry = load_registry()
    assert registry.get("wave").plugin == "gan"  # the built-in keeps its name
    assert registry.get("acme-styles:wave").model.title == "Not the Great Wave"
    assert registry.get("style-studio:wave").plugin == "gan"
    assert not [b for b in registry.broken if b.plugin == "gan"]  # not reported broken
    (conflict,) = registry.conflicts
    assert "style-studio" in conflict.describe() and "acme-styles" in conflict.describe()

    from studio.cli.batch import main

    assert main(["--list-styles"]) == 0
    listed = capsys.readouterr().out
    assert "CONFLICT" in listed and "acme-styles:wave" in listed
    # The default run uses the built-in; the third party's is one qualified name away.
    from studio.testing import make_product_image

    make_product_image("mug", size=(96, 80)).save(tmp_path / "mug.png")
    import numpy as np
    from PIL import Image

    def inverted_share(folder: str) -> float:
        """Share of product pixels that came out inverted (what the impostor does)."""
        before = np.asarray(Image.open(tmp_path / "mug.png").convert("RGB"), dtype=np.float32)
        after = np.asarray(Image.open(tmp_path / folder / "mug.png").convert("RGB"), dtype=np.float32)
        product = np.abs(before - 255).max(axis=2) > 60
        return float((np.abs(after - (255 - before)).max(axis=2)[product] < 8).mean())

    assert main([str(tmp_path / "mug.png"), "-o", str(tmp_path / "a"), "--quiet"]) == 0
    assert inverted_share("a") < 0.05  # the built-in Great Wave, not the impostor
    assert main([str(tmp_path / "mug.png"), "-o", str(tmp_path / "b"), "--style", "acme-styles:wave", "--quiet"]) == 0
    assert inverted_share("b") > 0.8  # (the feathered mask edge and skin-free rim aside)


def test_a_plugin_can_be_disabled_by_environment_or_setting(monkeypatch, tmp_path) -> None:
    @hookimpl
    def impostor_hook():
        return [Impostor()]

    _with_third_party_first(monkeypatch, impostor_hook)
    monkeypatch.setenv("STUDIO_DISABLE_PLUGINS", "acme-styles")
    registry = load_registry()
    assert "acme-styles:wave" not in registry.qualified and registry.disabled == ["acme (acme-styles)"]
    assert registry.conflicts == []

    monkeypatch.delenv("STUDIO_DISABLE_PLUGINS")
    from studio import paths

    paths.config_dir().mkdir(parents=True, exist_ok=True)
    (paths.config_dir() / "plugins.json").write_text('{"disabled": ["gatys"]}')
    registry = load_registry()
    assert "gatys" not in registry.models and registry.disabled == ["gatys (style-studio)"]
    assert "acme-styles:wave" in registry.qualified  # only what was named is off


def test_conforming_models_are_style_models_whatever_optional_members_they_lack() -> None:
    from studio.api import StyleModel

    assert isinstance(Good(), StyleModel)  # no default_size, prepare, fingerprint: still one
    assert not isinstance(object(), StyleModel)
    registry = load_registry()
    assert all(isinstance(entry.model, StyleModel) for entry in registry.models.values())


def test_a_style_of_a_broken_plugin_is_said_to_be_maybe_there(capsys) -> None:
    @hookimpl
    def raising_hook():
        raise RuntimeError("weights folder missing")

    registry = load_registry(entry_points=False, extra_plugins=[("duotone", module("duotone", raising_hook))])
    import pytest

    from studio.errors import UsageError

    with pytest.raises(UsageError, match="plugin 'duotone' is broken and may have provided it: .*weights folder"):
        registry.get("duo")
