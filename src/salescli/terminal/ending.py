"""How a command ends: the answer flushed, the exit code exact, and no slow clean-up.

A command is a short process. Python's own shutdown frees every object of the ~500
modules a command imports (Rich, Babel, the drivers ...), which took ~200 ms, a third of a
daily command (docs/architecture.md, "Speed"). `finish()` flushes both streams, closes the
stores the command opened (so SQLite checkpoints its log and PostgreSQL sees a clean
goodbye) and leaves with `os._exit`.

Writing the answer can fail: the reader went away (`| head -1`, quietly exit 1) or the
disk is full (`> /dev/full`, one sentence and exit 74); `cli.py` reports those, and the
helpers here tell such a failure from any other OSError.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from typing import NoReturn


def output_failed(err: OSError) -> bool:
    """Whether `err` is a failed write of the answer: a stream error (no file name, as
    opening a path would have) of the kinds writing to a pipe or a full disk gives. The
    stream cannot be asked: the failed flush has already dropped what it held."""
    import errno

    kinds = {errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
    return isinstance(err, BrokenPipeError) or (err.errno in kinds and getattr(err, "filename", None) is None)


def silence_stdout() -> None:
    """Point stdout at /dev/null, so the unwritten rest is dropped instead of failing
    again at every later flush (and at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass  # stdout is not a real file (a test's capture): nothing is left to flush there


def exit_status(code: object) -> int:
    """The status `sys.exit(code)` would give: None is 0, an int itself (as the system
    keeps it, modulo 256), anything else 1 (Python prints such a value to stderr, and so
    do we)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(f"{code}\n")
    return 1


def finish(code: int) -> NoReturn:
    """Flush, close what is open, and end the process now."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = code or 1
    except OSError as err:
        silence_stdout()
        sys.stderr.write(write_failed(err) + "\n")
        code = code or 74  # ExitCode.OUTPUT
    with suppress(OSError):
        sys.stderr.flush()
    if "salescli.services.context" in sys.modules:
        from salescli.services.context import close_all

        close_all()
    os._exit(code)


def write_failed(err: OSError) -> str:
    """The one sentence for an answer that could not be written."""
    from salescli.core.errors import SalescliError
    from salescli.core.i18n import _
    from salescli.present.messages import sentence
    from salescli.terminal.messages import CLI_WORDING

    problem = sentence(SalescliError("output.write_failed", problem=err.strerror or str(err)), CLI_WORDING)
    return _("Error: {problem}").format(problem=problem)
