"""Files a command writes for the user (an export, a calendar, a weekly report): always
through a temporary file in the target's folder, renamed over the path when complete, so
a reader never sees half a file and a failed run leaves the old file as it was.

The temporary file is made at once, so a path that cannot be written (no such folder, a
folder, no permission) is refused before any work is done, with one sentence under the
caller's error code: `BadInputError(code, path=..., problem=...)`, where `problem` is
`is_folder`, `no_folder`, `permission` or the system's own words (the sentences turn the
first three into words: present/import_messages.py CANNOT_WRITE_PROBLEMS).
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from typing import BinaryIO

from salescli.core.errors import BadInputError


class AtomicFile:
    """A file being written at `path`; `commit()` puts it in place, `discard()` drops it."""

    def __init__(self, path: str, code: str) -> None:
        self.path, self.code = path, code
        target = self.target = os.path.abspath(os.path.expanduser(path))
        if os.path.isdir(target):
            raise self._error("is_folder")
        try:
            handle, self._temp = tempfile.mkstemp(dir=os.path.dirname(target),
                                                  prefix="." + os.path.basename(target) + ".", suffix=".part")
        except FileNotFoundError:
            raise self._error("no_folder") from None
        except PermissionError:
            raise self._error("permission") from None
        except OSError as exc:
            raise self._error(exc.strerror or str(exc)) from None
        self.binary: BinaryIO = os.fdopen(handle, "wb")
        if os.path.exists(target) and not os.access(target, os.W_OK):
            self.discard()
            raise self._error("permission")

    def _error(self, problem: str) -> BadInputError:
        return BadInputError(self.code, path=self.path, problem=problem)

    def commit(self) -> None:
        if self._temp is None:
            return
        try:
            self.binary.flush()
            os.fsync(self.binary.fileno())
            self.binary.close()
            # mkstemp makes the file private (0600); the user's file gets the mode any new file would.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self._temp, 0o666 & ~umask)
            os.replace(self._temp, self.target)
        except OSError as exc:
            self.discard()
            raise self._error(exc.strerror or str(exc)) from None
        self._temp = None

    def discard(self) -> None:
        if self._temp is None:
            return
        with suppress(OSError):  # the disk failed: there is nothing more to save
            self.binary.close()
        with suppress(OSError):
            os.unlink(self._temp)
        self._temp = None


def write_file(path: str, data: bytes, code: str) -> None:
    """Write `data` to `path` whole or not at all (see the module's docstring)."""
    out = AtomicFile(path, code)
    try:
        out.binary.write(data)
    except OSError as exc:
        out.discard()
        raise out._error(exc.strerror or str(exc)) from None
    except BaseException:
        out.discard()
        raise
    out.commit()
