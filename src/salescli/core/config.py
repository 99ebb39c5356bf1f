"""Your personal config file (TOML): who you are, your language, which store.

Only personal settings are read from it (docs/settings.md). Team rules found in the file
(written by an older salescli, or by hand) are kept aside in `Config.file_team_values`:
the services move them into the store once, or report that the store's value wins, and
then take them out of the file, so a rep's own file never changes a team rule.
Edits keep the rest of the file as it was, comments included (tomlkit).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tomllib
from pathlib import Path
from typing import Any

from salescli.core.errors import BadInputError, Notice
from salescli.core.paths import config_path
from salescli.core.settings import PERSONAL_KEYS, SETTINGS, TEAM_KEYS, bad_value, setting


class Config:
    """The personal settings from the file, checked, with defaults for the rest."""

    def __init__(self, path: Path, raw: dict[str, Any]) -> None:
        self.path = path
        self.raw = raw
        self._values: dict[str, Any] = {}
        # Team keys found in the file: key -> the raw value, for the store to adopt or ignore.
        self.file_team_values: dict[str, Any] = {}
        # Keys no setting has (a typo, or from another program): said once, then ignored.
        self.notices: list[Notice] = [
            Notice("config.unknown_key", path=str(path), key=key, close=_closest(key)) for key in unknown_keys(raw)
        ]
        for area in sorted({key.split(".", 1)[0] for key in SETTINGS}):
            if area in raw and not isinstance(raw[area], dict):
                raise BadInputError("config.not_a_table", path=str(path), area=area)
        for key in PERSONAL_KEYS + TEAM_KEYS:
            declared = SETTINGS[key]
            section = raw.get(declared.area)
            if not isinstance(section, dict) or declared.name not in section:
                continue
            if declared.scope == "team":
                self.file_team_values[key] = section[declared.name]
                continue
            try:
                self._values[key] = declared.parse(section[declared.name])
            except (ValueError, TypeError):
                if key == "user.lang":
                    continue  # choosing the language already warned and fell back (core/i18n.py)
                err = bad_value(key, section[declared.name])
                raise BadInputError("config.bad_value_in_file", path=str(path), **err.params) from None

    def get(self, key: str) -> Any:
        declared = setting(key)
        if declared.scope != "personal":
            raise KeyError(f"{key} is a team rule: read it from the store (services.settings)")
        return self._values.get(key, declared.default)

    def is_set(self, key: str) -> bool:
        return key in self._values


def unknown_keys(raw: dict[str, Any]) -> list[str]:
    """The AREA.KEY (or AREA) names in the file that no setting has, in file order."""
    areas = {declared.area for declared in SETTINGS.values()}
    found: list[str] = []
    for area, section in raw.items():
        if area not in areas:
            found.extend([f"{area}.{name}" for name in section] if isinstance(section, dict) and section else [area])
        elif isinstance(section, dict):
            found.extend(f"{area}.{name}" for name in section if f"{area}.{name}" not in SETTINGS)
    return found


def _closest(key: str) -> str | None:
    from difflib import get_close_matches

    close = get_close_matches(key, list(SETTINGS), n=1, cutoff=0.8)
    return close[0] if close else None


def read_raw(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise BadInputError("config.unreadable", path=str(path), problem=exc.strerror or str(exc)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInputError("config.not_text", path=str(path)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInputError("config.bad_toml", path=str(path), problem=str(exc)) from None


def load(path: Path | None = None) -> Config:
    path = path or config_path()
    return Config(path, read_raw(path))


def set_value(key: str, raw_value: str, path: Path | None = None) -> Any:
    """Check and write one personal setting, keeping the rest of the file as it was."""
    declared = setting(key)
    if declared.scope != "personal":
        raise KeyError(f"{key} is a team rule: write it to the store (services.settings)")
    if isinstance(raw_value, str) and not raw_value.strip():
        value = None  # '' takes the value out of the file: the default applies again
    else:
        try:
            value = declared.parse(raw_value)
        except (ValueError, TypeError):
            raise bad_value(key, raw_value) from None
    path = path or config_path()

    def change(document: Any) -> None:
        section = document.get(declared.area)
        if section is None:
            if value is None:
                return
            import tomlkit

            section = tomlkit.table()
            document[declared.area] = section
        if not isinstance(section, dict):
            raise BadInputError("config.not_a_table", path=str(path), area=declared.area)
        if value is None:
            section.pop(declared.name, None)
            if not section:
                document.pop(declared.area, None)
        else:
            section[declared.name] = value

    _edit(path, change)
    if key == "user.timezone":
        from salescli.core.clock import forget_zone

        forget_zone()
    return declared.default if value is None else value


def remove_keys(keys: list[str], path: Path) -> None:
    """Take settings out of the file (team rules that now live in the store)."""

    def change(document: Any) -> None:
        for key in keys:
            declared = SETTINGS[key]
            section = document.get(declared.area)
            if isinstance(section, dict):
                section.pop(declared.name, None)
                if not section:
                    document.pop(declared.area, None)

    _edit(path, change)


def _edit(path: Path, change: Any) -> None:
    """Read, change and atomically replace the file; a file that cannot be read or written
    is a clear error and stays as it was."""
    import tomlkit

    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except UnicodeDecodeError:
        raise BadInputError("config.not_text", path=str(path)) from None
    except OSError as exc:
        raise BadInputError("config.unreadable", path=str(path), problem=exc.strerror or str(exc)) from None
    try:
        document = tomlkit.parse(text)
    except Exception as exc:  # noqa: BLE001 - tomlkit raises its own ParseError family
        raise BadInputError("config.bad_toml", path=str(path), problem=str(exc)) from None
    change(document)
    if path.exists() and (not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222):
        # Replacing the file would work around its permissions: a read-only file stays so
        # (also for root, whom os.access always lets write).
        raise BadInputError("config.unwritable", path=str(path), problem=os.strerror(errno.EACCES))
    tmp = path.with_suffix(".toml.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(tomlkit.dumps(document), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)  # nothing left behind: the file stays as it was
        raise BadInputError("config.unwritable", path=str(path), problem=exc.strerror or str(exc)) from None


def peek(key: str) -> Any:
    """One personal value straight from the file, unchecked, or None: for what is needed
    before a command loads its config (the language, the time zone). A missing, unreadable
    or broken file gives None here; the command that loads it reports the problem."""
    declared = SETTINGS[key]
    try:
        text = config_path().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if declared.name not in text:
        return None
    try:
        section = tomllib.loads(text).get(declared.area)
    except tomllib.TOMLDecodeError:
        return None
    return section.get(declared.name) if isinstance(section, dict) else None
