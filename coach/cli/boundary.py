"""The one error boundary: a CoachError is one calm sentence, anything else one calm sentence
too (the traceback only with COACH_DEBUG=1), a closed pipe ends quietly; never a traceback.

It imports no Typer, so plain `coach` is guarded the same way as every command.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from coach.errors import CoachError

CRASHED = (
    "Something went wrong inside coach and it stopped. Your saved practice is kept as it was. "
    "To see the details, run the same command again with COACH_DEBUG=1 set."
)


@contextlib.contextmanager
def guarded(passthrough: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Run the body; turn every error into a calm sentence on stderr and an exit status."""
    try:
        yield
    except passthrough:
        raise
    except CoachError as err:
        _say(str(err))
        raise SystemExit(getattr(err, "exit_code", 1)) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except BrokenPipeError:  # `coach crisis | head`: the reader had enough, nothing is wrong
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0) from None
    except Exception:
        if os.environ.get("COACH_DEBUG"):
            raise
        _say(CRASHED)
        raise SystemExit(1) from None


def _say(message: str) -> None:
    """One calm sentence on stderr, literally (Rich is loaded only when there is one to say)."""
    from rich.text import Text

    from coach.cli.output import stderr_console
    from coach.text import clean

    stderr_console().print(Text(clean(message, multiline=True)))
