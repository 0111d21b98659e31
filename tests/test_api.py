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
