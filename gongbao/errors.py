"""Errors that carry a user-facing, one-line message."""


class GongbaoError(Exception):
    """Base for errors the CLI reports as one line and exit status 2."""


class InputError(GongbaoError):
    """The input file cannot be read as a gazette (missing, empty, binary, undecodable...)."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")
