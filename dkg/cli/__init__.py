"""The ``dkg`` command line: one Typer app, its commands in one module per topic."""

from __future__ import annotations

import sys

import typer

from dkg.errors import DkgError

app = typer.Typer(
    name="dkg",
    help="District Affairs Graph: Chinese district news into an event and knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)



def _register_commands() -> None:
    """Import every command module of this package; each registers itself on ``app``."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        if module.name != "common":
            importlib.import_module(f"{__name__}.{module.name}")


_register_commands()


def main() -> None:
    """Run the CLI; a DkgError becomes one clear line and exit status 2."""
    try:
        app()
    except DkgError as error:
        print(f"dkg: error: {error}", file=sys.stderr)
        sys.exit(2)
