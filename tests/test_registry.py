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
    assert "already provided by plugin 'good'" in reasons["dup"]
    assert "no string attribute 'name'" in reasons["invalid"]
    assert f"built for API version {API_VERSION + 1}" in reasons["old"]
    assert "does not declare STUDIO_API_VERSION" in reasons["unversioned"]
    assert "studio_unknown_hook" in reasons["typo"]
