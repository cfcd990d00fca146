"""The README is part of the product: every command and option the CLI offers is in it."""

from __future__ import annotations

from pathlib import Path

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")


def test_every_command_is_documented():
    from gongbao.cli import main

    missing = [name for name in main.commands if f"gongbao {name}" not in README]
    assert not missing, f"commands missing from the README: {missing}"


def test_every_command_has_an_example():
    from gongbao.cli import main

    lacking = [name for name, cmd in main.commands.items() if "Example:" not in (cmd.help or "")]
    assert not lacking, f"commands whose help has no Example: {lacking}"


def test_global_options_are_documented():
    from gongbao.cli import main

    for param in main.params:
        for opt in param.opts:
            assert opt in README, f"{opt} missing from the README"
