"""Ctrl-C, delivered reliably.

The SIGINT handler raises `Interrupted` where the program stands.  Python drops
an exception raised while it runs a finaliser (a generator or a file being
collected), so the handler also leaves a flag that the long loops check at each
document (`check`) and that the command checks before it exits.
"""
from __future__ import annotations

import sys


class Interrupted(Exception):
    """Ctrl-C.  Not a KeyboardInterrupt, which the command-line framework would
    turn into `Aborted!` and status 1."""


requested = False


def on_sigint(signum, frame) -> None:
    global requested
    requested = True
    raise Interrupted()


def check() -> None:
    """Raise `Interrupted` if Ctrl-C was pressed, even if its first raise was lost."""
    if requested:
        raise Interrupted()


def quiet_lost_interrupts(unraisable) -> None:
    """`sys.unraisablehook`: a lost `Interrupted` is no error to print (`check`
    raises it again); anything else goes to Python's own hook."""
    if not isinstance(unraisable.exc_value, Interrupted):
        sys.__unraisablehook__(unraisable)
