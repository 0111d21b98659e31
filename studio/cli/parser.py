"""What the CLIs share about their command line: the interface language (``--lang``) and an
argparse parser that speaks it, argparse's own words included.

Help texts are translated as the parser is built, so the language is chosen first, from a
scan of the arguments (:func:`choose_language`), then the parser is built and parses them.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, NoReturn

from studio import i18n
from studio.i18n import translate

EXIT_USAGE = 2


def error_line(prog: str, message: object) -> str:
    """``studio-batch: error: MESSAGE``, the one line a usage or configuration error prints."""
    return translate("cli.parser", "{prog}: error: {message}").format(prog=prog, message=message)


def unknown_language_message(value: str) -> str:
    """The one-line reason ``--lang`` refuses ``value``, naming the choices."""
    return translate("cli.parser", "unknown language '{language}' (choose from {choices})").format(
        language=value, choices=", ".join(i18n.LANGUAGES))


def _language(value: str) -> str:
    """``--lang``'s type: the normalized code (``zh`` → ``zh_CN``), or an argparse error."""
    try:
        return i18n.normalize(value)
    except i18n.UnknownLanguage:
        raise argparse.ArgumentTypeError(unknown_language_message(value)) from None


def scan_language(argv: Sequence[str]) -> str | None:
    """The value of ``--lang X`` or ``--lang=X`` in ``argv`` (the last one wins), before any parser exists."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def choose_language(prog: str, argv: Sequence[str]) -> bool:
    """Set the interface language from ``--lang``, ``STUDIO_LANG`` or the system locale. An
    unknown language is a usage error: prints one line and returns False (exit code 2)."""
    explicit = scan_language(argv)
    try:
        language = i18n.set_language(i18n.resolve_language(explicit))
        # Worker processes (Ray actors) and child programs speak it too.
        os.environ["STUDIO_LANG"] = language
    except i18n.UnknownLanguage as exc:
        if explicit is not None:
            message = translate("cli.parser", "argument {argument}: {message}").format(
                argument="--lang", message=unknown_language_message(str(exc)))
        else:
            message = translate("cli.parser", "unknown language '{language}' in STUDIO_LANG (choose from {choices})"
                                ).format(language=str(exc), choices=", ".join(i18n.LANGUAGES))
        print(error_line(prog, message), file=sys.stderr)
        return False
    return True


def _argparse_message(message: str) -> str:
    """One of argparse's English error messages in the interface language; one this does
    not know (a newer Python's, a type function's) as it is."""
    found = re.fullmatch(r"argument (\S+): (.*)", message, re.S)
    if found:
        return translate("cli.parser", "argument {argument}: {message}").format(
            argument=found[1], message=_argparse_message(found[2]))
    known = (
        (r"the following arguments are required: (?P<arguments>.+)",
         translate("cli.parser", "the following arguments are required: {arguments}")),
        (r"one of the arguments (?P<arguments>.+) is required",
         translate("cli.parser", "one of the arguments {arguments} is required")),
        (r"unrecognized arguments: (?P<arguments>.*)", translate("cli.parser", "unrecognized arguments: {arguments}")),
        (r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)",
         translate("cli.parser", "invalid choice: {value} (choose from {choices})")),
        (r"invalid (?P<type>\w+) value: (?P<value>.*)", translate("cli.parser", "invalid {type} value: {value}")),
        (r"expected one argument", translate("cli.parser", "expected one argument")),
        (r"expected at most one argument", translate("cli.parser", "expected at most one argument")),
        (r"expected at least one argument", translate("cli.parser", "expected at least one argument")),
        (r"expected (?P<count>\d+) argument", translate("cli.parser", "expected {count} argument")),
        (r"expected (?P<count>\d+) arguments", translate("cli.parser", "expected {count} arguments")),
        (r"not allowed with argument (?P<argument>.+)",
         translate("cli.parser", "not allowed with argument {argument}")),
        (r"ignored explicit argument (?P<value>.+)", translate("cli.parser", "ignored explicit argument {value}")),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",
         translate("cli.parser", "ambiguous option: {option} could match {matches}")),
    )
    for pattern, template in known:
        found = re.fullmatch(pattern, message, re.S)
        if found:
            return template.format(**found.groupdict())
    return message


def _columns(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _wrap_wide(line: str, width: int) -> list[str]:
    """``line`` cut to ``width`` terminal columns, a Chinese character counting two: anywhere
    but inside an English word or before closing punctuation."""
    lines: list[str] = []
    while sum(map(_columns, line)) > width:
        used, cut = 0, 0
        while used + _columns(line[cut]) <= width:
            used += _columns(line[cut])
            cut += 1
        start = cut
        while start > 0 and _word_char(line[start - 1]) and _word_char(line[cut]):
            start -= 1
        cut = max(1, start or cut)
        while cut < len(line) and line[cut] in _NO_LINE_START:
            cut += 1
        lines.append(line[:cut].rstrip())
        line = line[cut:].lstrip()
    return [*lines, line] if line else lines


def _word_char(char: str) -> bool:
    return char.isascii() and not char.isspace()


_NO_LINE_START = "，。、；：？！）」』”’》"


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None:
            prefix = translate("cli.parser", "usage: ")
        super().add_usage(usage, actions, groups, prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        if all(_columns(char) == 1 for char in text):
            return super()._split_lines(text, width)
        return _wrap_wide(" ".join(text.split()), width)  # Chinese has no spaces to wrap at


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` in the interface language whose errors are one line after the
    usage and exit with code 2; ``add_language_option`` adds ``--lang``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = translate("cli.parser", "positional arguments")
        self._optionals.title = translate("cli.parser", "options")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=translate("cli.parser", "show this help message and exit"))

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", translate("cli.parser", "show program's version number and exit"))
        return super().add_argument(*args, **kwargs)

    def add_language_option(self) -> None:
        self.add_argument("--lang", type=_language, metavar="{" + ",".join(i18n.LANGUAGES) + "}",
                          help=translate("cli.parser", "interface language (default: STUDIO_LANG, else the system "
                                                       "locale, else English)"))

    def error(self, message: str) -> NoReturn:  # one clear line, exit code 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, error_line(self.prog, _argparse_message(message)) + "\n")
