"""The window's short way through the command line: ``moto-desk`` without a command parses
with the top-level parser alone, and must mean exactly what the whole tree means."""

from __future__ import annotations

import pytest

from moto_desk.cli.parser import build_parser, parse_window_args

WINDOW_LINES = [
    [],
    ["--demo"],
    ["--demo", "--lang", "fr"],
    ["--data-dir", "/tmp/desk", "--api-base", "http://127.0.0.1:1"],
    ["--records", "postgresql://desk@shop/records", "--json"],
    ["--self-test", "--data-dir", "/tmp/desk"],
    ["--clerk", "Ana"],
]


@pytest.mark.parametrize("argv", WINDOW_LINES, ids=lambda argv: " ".join(argv) or "(none)")
def test_a_window_line_parses_as_the_whole_tree_parses_it(argv: list[str]) -> None:
    short = parse_window_args(argv)
    assert short is not None
    assert vars(short) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["history"],
        ["--demo", "charge", "--customer", "cus_1", "--amount", "1.00"],
        ["--help"],
        ["-h"],
        ["--lang", "de"],  # refused by the whole tree, with its words
        ["--no-such-option"],
    ],
)
def test_a_command_help_or_mistake_goes_to_the_whole_tree(argv: list[str]) -> None:
    assert parse_window_args(argv) is None
