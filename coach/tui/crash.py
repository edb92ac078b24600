"""What a person sees when coach meets an error it did not expect: one calm word, no traceback."""

from __future__ import annotations

from rich.text import Text

CRASHED = (
    "Something went wrong inside coach and it closed. Your place in the exercise was kept, "
    "and everything you saved is safe. To see the details, run it again with COACH_DEBUG=1 set."
)


class Crashed(Exception):
    """An unexpected error, as the person sees it: one calm sentence, the cause kept for tests."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(CRASHED)
        self.error = error
        self.__cause__ = error

    def __rich__(self) -> Text:
        return Text(CRASHED)
