"""Plugin discovery: built-ins and third-party style plugins through one entry-point group.

Every distribution that declares ``[project.entry-points."studio.plugins"]`` is loaded,
including Style Studio's own built-ins. A plugin that fails to import, was built for another
API version, has a malformed hook or raises in a hook is recorded as broken with its reason;
all others keep working.

Names: every style is also addressable as ``DISTRIBUTION:STYLE`` (``acme-styles:wave``). The
built-ins load first and their names are never taken over: a third party's style named like
one already loaded is a *conflict*, reported naming both distributions, and is reachable only
by its qualified name (the built-in keeps working, not reported broken). Among third parties,
the first by entry-point name keeps the bare name.

Disabling: plugins named (entry-point or distribution name) in ``STUDIO_DISABLE_PLUGINS``
(comma-separated) or in the ``disabled`` list of ``plugins.json`` in the user config folder
are not imported at all, and are listed as disabled.
"""

from __future__ import annotations

import importlib.metadata as metadata
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pluggy

from studio import hookspecs
from studio.api import API_VERSION, DEFAULT_WORKING_SIZE, PROJECT_NAME, Capabilities, Param
from studio.errors import UsageError
from studio.i18n import translate

ENTRY_POINT_GROUP = "studio.plugins"
#: Style Studio's own distribution: its plugins load first and keep their style names.
BUILTIN_DISTRIBUTION = "style-studio"
DISABLE_ENV = "STUDIO_DISABLE_PLUGINS"
_MODEL_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass(frozen=True)
class ModelEntry:
    """A style model and the plugin that provided it."""

    model: Any
    plugin: str
    distribution: str | None

    @property
    def name(self) -> str:
        return self.model.name

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.model.name,
            "title": self.model.title,
            "description": self.model.description,
            "plugin": self.plugin,
            "distribution": self.distribution,
            "capabilities": self.model.capabilities.to_json(),
            "default_size": getattr(self.model, "default_size", DEFAULT_WORKING_SIZE),
            "params": [p.to_json() for p in self.model.params],
            "categories": list(self.categories) or None,
            "alias_of": getattr(self.model, "alias_of", None),
        }

    @property
    def categories(self) -> tuple[str, ...]:
        """The labels of a category model; empty for other models."""
        return tuple(getattr(self.model, "categories", None) or ())


@dataclass(frozen=True)
class BrokenPlugin:
    plugin: str
    reason: str
    distribution: str | None = None


@dataclass(frozen=True)
class NameConflict:
    """Two plugins offer a style of the same name: ``kept`` has the bare name, the other is
    reachable as ``qualified``."""

    style: str
    kept_plugin: str
    kept_distribution: str | None
    other_plugin: str
    other_distribution: str | None
    qualified: str

    def describe(self) -> str:
        kept = self.kept_distribution or self.kept_plugin
        other = self.other_distribution or self.other_plugin
        return translate("registry", "style name {style} is offered by {kept} (plugin {kept_plugin}) and by {other} "
                         "(plugin {other_plugin}); {style} stays {kept}'s, {other}'s is {qualified}").format(
            style=repr(self.style), kept=kept, kept_plugin=self.kept_plugin, other=other,
            other_plugin=self.other_plugin, qualified=repr(self.qualified))


@dataclass
class StyleRegistry:
    models: dict[str, ModelEntry] = field(default_factory=dict)
    broken: list[BrokenPlugin] = field(default_factory=list)
    #: Every style by ``DISTRIBUTION:STYLE`` (the plugin's name without a distribution).
    qualified: dict[str, ModelEntry] = field(default_factory=dict)
    conflicts: list[NameConflict] = field(default_factory=list)
    #: Plugins not loaded because the user disabled them.
    disabled: list[str] = field(default_factory=list)

    def get(self, name: str) -> ModelEntry:
        """The model called ``name`` (or ``DISTRIBUTION:STYLE``); a :class:`UsageError` that
        lists the choices otherwise."""
        if name in self.models:
            return self.models[name]
        if name in self.qualified:
            return self.qualified[name]
        reasons = [b for b in self.broken if b.plugin == name]
        if reasons:
            raise UsageError(translate("registry", "style {name} is unavailable: plugin is broken: {reason}").format(
                name=repr(name), reason=reasons[0].reason))
        available = ", ".join(sorted(self.models)) or translate("registry", "none")
        broken = "".join(translate("registry", "; plugin {plugin} is broken and may have provided it: {reason}").format(
            plugin=repr(b.plugin), reason=b.reason) for b in self.broken if b.plugin != name)
        raise UsageError(translate("registry", "unknown style {name}; available styles: {available}{broken}").format(
            name=repr(name), available=available, broken=broken))

    def resolve_params(self, name: str, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Defaults overlaid with ``raw`` (strings from ``--param`` or values), each validated."""
        model = self.get(name).model
        declared = {p.name: p for p in model.params}
        unknown = set(raw).difference(declared)
        if unknown:
            known = ", ".join(declared) or translate("registry", "none")
            message = translate("registry", "style {name} has no parameter {unknown}; parameters: {known}")
            raise UsageError(message.format(name=repr(name), unknown=", ".join(sorted(unknown)), known=known))
        values: dict[str, Any] = {}
        for pname, spec in declared.items():
            try:
                values[pname] = spec.parse(raw[pname]) if pname in raw else spec.default
            except ValueError as exc:
                raise UsageError(translate("registry", "style {name}: {error}").format(
                    name=repr(name), error=exc)) from None
        validate = getattr(model, "validate", None)
        if callable(validate):
            try:
                validate(dict(values))
            except ValueError as exc:  # the plugin's message for the user: a usage error
                raise UsageError(translate("registry", "style {name}: {error}").format(
                    name=repr(name), error=exc)) from None
            except Exception as exc:  # noqa: BLE001 - a bug in the validator is the plugin's
                raise UsageError(translate("registry", "style {name}: its validate() raised {error}").format(
                    name=repr(name), error=f"{type(exc).__name__}: {exc}")) from None
        return values


def _validate_model(model: Any) -> str | None:
    """Why ``model`` is not a usable style model, or None when it is."""
    for attr in ("name", "title", "description"):
        if not isinstance(getattr(model, attr, None), str):
            return translate("registry", "style model {model} has no string attribute {attribute}").format(
                model=repr(model), attribute=repr(attr))
    name = repr(model.name)
    if not _MODEL_NAME.match(model.name):
        return translate("registry", "style model name {name} must be lowercase letters, digits, '_', '-' "
                         "or '.'").format(name=name)
    params = getattr(model, "params", None)
    if not isinstance(params, Sequence) or not all(isinstance(p, Param) for p in params):
        return translate("registry", "style model {name}: params must be a sequence of studio.api.Param").format(
            name=name)
    if len({p.name for p in params}) != len(params):
        return translate("registry", "style model {name} declares a parameter twice").format(name=name)
    if not isinstance(getattr(model, "capabilities", None), Capabilities):
        return translate("registry", "style model {name}: capabilities must be a studio.api.Capabilities").format(
            name=name)
    if not callable(getattr(model, "stylize", None)):
        return translate("registry", "style model {name} has no stylize() method").format(name=name)
    categories = getattr(model, "categories", None)
    if categories is not None and (isinstance(categories, str) or not isinstance(categories, Sequence)
                                   or not all(isinstance(c, str) and c for c in categories)):
        return translate("registry", "style model {name}: categories must be a sequence of non-empty strings").format(
            name=name)
    size = getattr(model, "default_size", DEFAULT_WORKING_SIZE)
    if not isinstance(size, int) or size < 16:
        return translate("registry", "style model {name}: default_size must be an int >= 16, got {size}").format(
            name=name, size=repr(size))
    return None


def _entry_points() -> list[metadata.EntryPoint]:
    seen: dict[str, metadata.EntryPoint] = {}
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        seen.setdefault(ep.name, ep)  # the same distribution can be visible twice on sys.path
    # The built-ins first (they keep their names), then third parties by name.
    return sorted(seen.values(), key=lambda ep: (_distribution(ep) != BUILTIN_DISTRIBUTION, ep.name))


def plugins_setting_path() -> Any:
    """``plugins.json`` in the user config folder: ``{"disabled": ["plugin-or-distribution", ...]}``."""
    from studio import paths

    return paths.config_dir() / "plugins.json"


def save_disabled_plugins(names: Iterable[str]) -> None:
    """Write the ``disabled`` list of ``plugins.json`` (the app's Settings dialog does)."""
    from studio.atomic import write_atomically

    path = plugins_setting_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"disabled": sorted({n.strip() for n in names if n.strip()})}
    write_atomically(path, lambda tmp: tmp.write_text(json.dumps(data, indent=2)))


def saved_disabled_plugins() -> list[str]:
    """The ``disabled`` list of ``plugins.json`` as saved (empty without a readable file)."""
    try:
        data = json.loads(plugins_setting_path().read_text())
        return [str(n).strip() for n in data.get("disabled", []) if str(n).strip()]
    except (OSError, ValueError, AttributeError):
        return []  # no file, or not ours to read: nothing disabled there


def disabled_plugins() -> set[str]:
    """Plugin entry-point or distribution names the user disabled (``STUDIO_DISABLE_PLUGINS``
    and ``plugins.json`` in the config folder), lower-cased."""
    names = {n.strip().lower() for n in os.environ.get(DISABLE_ENV, "").split(",") if n.strip()}
    return names | {n.lower() for n in saved_disabled_plugins()}


def _distribution(ep: metadata.EntryPoint) -> str | None:
    dist = getattr(ep, "dist", None)
    return dist.metadata["Name"] if dist is not None else None


def load_registry(extra_plugins: Iterable[tuple[str, Any]] = (), entry_points: bool = True) -> StyleRegistry:
    """Discover plugins and collect their style models.

    ``extra_plugins`` are ``(name, module_or_object)`` pairs registered as if they came from
    an entry point (for tests and embedding applications).
    """
    registry = StyleRegistry()
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    candidates: list[tuple[str, Any, str | None]] = []
    disabled = disabled_plugins()
    for ep in _entry_points() if entry_points else []:
        dist = _distribution(ep)
        if ep.name.lower() in disabled or (dist or "").lower() in disabled:
            registry.disabled.append(ep.name if dist is None else f"{ep.name} ({dist})")
            continue
        try:
            candidates.append((ep.name, ep.load(), _distribution(ep)))
        except Exception as exc:  # noqa: BLE001 - a plugin may raise anything at import
            reason = translate("registry", "failed to import: {error}").format(error=f"{type(exc).__name__}: {exc}")
            registry.broken.append(BrokenPlugin(ep.name, reason, _distribution(ep)))
    candidates.extend((name, obj, None) for name, obj in extra_plugins)

    for name, plugin, dist in candidates:
        reason = _register(pm, name, plugin)
        if reason:
            registry.broken.append(BrokenPlugin(name, reason, dist))
            continue
        _collect_models(registry, pm, name, plugin, dist)
    return registry


def _register(pm: pluggy.PluginManager, name: str, plugin: Any) -> str | None:
    version = getattr(plugin, "STUDIO_API_VERSION", None)
    if version != API_VERSION:
        if version is None:
            return translate("registry", "plugin does not declare STUDIO_API_VERSION; this Style Studio provides "
                             "plugin API version {api}").format(api=API_VERSION)
        return translate("registry", "plugin was built for API version {version}; this Style Studio provides "
                         "plugin API version {api}").format(version=version, api=API_VERSION)
    try:
        pm.register(plugin, name=name)
        pm.check_pending()  # hooks with a wrong name are refused now, not when a job runs
    except Exception as exc:  # noqa: BLE001 - pluggy's PluginValidationError and anything else
        if pm.is_registered(plugin):
            pm.unregister(plugin)
        return translate("registry", "invalid hook implementation: {error}").format(error=exc)
    return None


def _collect_models(registry: StyleRegistry, pm: pluggy.PluginManager, name: str, plugin: Any,
                    dist: str | None) -> None:
    caller = pm.subset_hook_caller("studio_style_models", remove_plugins=[
        p for p in pm.get_plugins() if p is not plugin
    ])
    try:
        results = caller()
        models = [m for result in results for m in (result or [])]
    except Exception as exc:  # noqa: BLE001
        reason = translate("registry", "studio_style_models() raised {error}").format(
            error=f"{type(exc).__name__}: {exc}")
        registry.broken.append(BrokenPlugin(name, reason, dist))
        pm.unregister(plugin)
        return
    for model in models:
        problem = _validate_model(model)
        qualified = f"{dist or name}:{getattr(model, 'name', '')}"
        if problem is None and qualified in registry.qualified:
            problem = translate("registry", "style name {name} is offered twice by {plugin}").format(
                name=repr(model.name), plugin=dist or name)
        if problem:
            registry.broken.append(BrokenPlugin(name, problem, dist))
            continue
        entry = ModelEntry(model, name, dist)
        registry.qualified[qualified] = entry
        kept = registry.models.get(model.name)
        if kept is not None:  # the name stays with the first (built-ins load first)
            registry.conflicts.append(NameConflict(model.name, kept.plugin, kept.distribution, name, dist, qualified))
            continue
        registry.models[model.name] = entry
