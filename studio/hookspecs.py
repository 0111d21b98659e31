"""Hook specifications: the functions a Style Studio plugin may implement.

A plugin module marks its implementations with :data:`studio.api.hookimpl`. Hooks are called
with keyword arguments; an implementation may accept fewer arguments than the spec lists.
Each hook's section in ``docs/plugin-guide.md`` is kept in step by ``tests/test_docs.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pluggy

from studio.api import PROJECT_NAME, StyleModel

hookspec = pluggy.HookspecMarker(PROJECT_NAME)


@hookspec
def studio_style_models() -> Sequence[StyleModel]:
    """Return the style models this plugin provides.

    Called once when the registry loads plugins (at CLI start-up, when the GUI opens, or
    when the gallery refreshes), for every registered plugin. Return a list (possibly empty)
    of :class:`studio.api.StyleModel` objects. Keep it cheap: build the objects, but load
    weights lazily in :meth:`StyleModel.prepare`. If it raises, the plugin is listed as
    broken with the error as its reason and every other plugin keeps working.
    """
