"""Message catalogs for salescli: extract, update, compile, check.

    python scripts/i18n.py all        # the usual: extract + update + compile + check

    extract   source -> src/salescli/locale/salescli.pot (keywords from babel.cfg)
    update    merge the .pot into every locale/<lang>/LC_MESSAGES/salescli.po, keeping
              translations (changed strings come back as fuzzy suggestions); a language
              listed in salescli.core.i18n.LANGUAGES without a .po gets a new one
    compile   every .po -> .mo next to it (the .mo files are committed and ship in the wheel)
    check     fail (exit 1) listing each string that is missing, untranslated, fuzzy, or
              whose {placeholders} differ from the English, and each stale .pot/.mo

Uses Babel's Python API; files are rewritten only when their content changes, and the
catalogs carry no line numbers, so they churn little under concurrent edits.
See src/salescli/locale/README.md.
"""

from __future__ import annotations

import argparse
import io
import string
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

try:
    from babel.messages.catalog import Catalog, Message
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg
    from babel.messages.mofile import read_mo, write_mo
    from babel.messages.pofile import read_po, write_po
except ImportError:  # pragma: no cover - run with a Python outside the project's environment
    import os

    _venv = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "python"
    if _venv.exists() and Path(sys.prefix).resolve() != _venv.parents[1].resolve():
        os.execv(str(_venv), [str(_venv), *sys.argv])
    sys.exit("Babel is not installed here: run this with the project's venv, e.g. .venv/bin/python scripts/i18n.py all")

ROOT = Path(__file__).resolve().parents[1]
MAPPING = ROOT / "babel.cfg"
LOCALE_DIR = ROOT / "src" / "salescli" / "locale"
DOMAIN = "salescli"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
SOURCE_LANGUAGE = "en"
HEADER = """\
# Translations for salescli.
# Edit the msgstr lines; regenerate with `python scripts/i18n.py all`
# (see src/salescli/locale/README.md)."""


def _languages() -> list[str]:
    """Every language with a catalog directory, plus those salescli declares."""
    sys.path.insert(0, str(ROOT / "src"))
    try:
        from salescli.core.i18n import LANGUAGES

        declared = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
    finally:
        sys.path.pop(0)
    found = [p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")]
    return sorted(set(declared) | set(found))


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


# -- extract ---------------------------------------------------------------------------

def extract_catalog(root: Path = ROOT) -> Catalog:
    """Every msgid in the source, as babel.cfg says (keywords `_`, `N_`, `ngettext:1,2`)."""
    with MAPPING.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(MAPPING))
    catalog = Catalog(project="salescli", version=_version(), charset="utf-8", fuzzy=False,
                      msgid_bugs_address="", copyright_holder="salescli authors")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords={}, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _version() -> str:
    for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        if line.startswith("version"):
            return line.split("=", 1)[1].strip().strip('"')
    return ""


def _render_po(catalog: Catalog, **kwargs: object) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False, sort_by_file=False, **kwargs)  # type: ignore[arg-type]
    return out.getvalue()


def _without_dates(data: bytes) -> bytes:
    return b"\n".join(
        line for line in data.splitlines()
        if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:'))
    )


def _write_if_changed(path: Path, data: bytes, *, ignore_dates: bool = False) -> bool:
    if path.exists():
        old = path.read_bytes()
        if old == data or (ignore_dates and _without_dates(old) == _without_dates(data)):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def extract() -> Catalog:
    catalog = extract_catalog()
    changed = _write_if_changed(TEMPLATE, _render_po(catalog, omit_header=False), ignore_dates=True)
    print(f"extract: {len(catalog)} messages -> {TEMPLATE.relative_to(ROOT)}" + ("" if changed else " (unchanged)"))
    return catalog


# -- update ----------------------------------------------------------------------------

def _read_po(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def update() -> None:
    template = _read_po(TEMPLATE)
    for lang in _languages():
        path = po_path(lang)
        if path.exists():
            catalog = _read_po(path, lang)
            catalog.update(template, no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="salescli", version=template.version,
                              charset="utf-8", fuzzy=False, header_comment=HEADER,
                              last_translator="salescli team", language_team=f"{lang} (salescli team)")
            catalog.update(template)
            catalog.revision_date = datetime.now().astimezone()
        # Strings removed from the source are dropped (git keeps the history).
        catalog.obsolete.clear()
        changed = _write_if_changed(path, _render_po(catalog, ignore_obsolete=True), ignore_dates=True)
        todo = sum(1 for m in _messages(catalog) if not _translated(m) or m.fuzzy)
        print(f"update: {path.relative_to(ROOT)}" + (" (unchanged)" if not changed else "")
              + (f", {todo} to translate" if todo else ""))


# -- compile ---------------------------------------------------------------------------

def compile_mo(catalog: Catalog) -> bytes:
    """The .mo bytes for a catalog: fuzzy and untranslated entries left out (English)."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compile_all() -> None:
    for lang in _languages():
        path = po_path(lang)
        if not path.exists():
            continue
        catalog = _read_po(path, lang)
        changed = _write_if_changed(mo_path(lang), compile_mo(catalog))
        done = sum(1 for m in _messages(catalog) if _translated(m) and not m.fuzzy)
        print(f"compile: {mo_path(lang).relative_to(ROOT)}: {done} of {len(list(_messages(catalog)))} translated"
              + ("" if changed else " (unchanged)"))


# -- check -----------------------------------------------------------------------------

def _messages(catalog: Catalog) -> Iterable[Message]:
    return (m for m in catalog if m.id)


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)


def _strings(message: Message) -> tuple[str, ...]:
    if isinstance(message.string, (list, tuple)):
        return tuple(message.string)
    return (message.string,) if message.string else ()


def _translated(message: Message) -> bool:
    strings = _strings(message)
    return bool(strings) and all(strings)


def placeholders(text: str) -> set[str]:
    """`{name}`, `{value!r}` ... as written (field name and conversion)."""
    found = set()
    for _literal, name, _spec, conversion in string.Formatter().parse(text):
        if name is not None:
            found.add("{" + name + (f"!{conversion}" if conversion else "") + "}")
    return found


def placeholder_problems(message: Message) -> list[str]:
    """Each translation must use exactly the placeholders of its English (a plural's
    forms may drop `{n}`-style fields the singular lacks, but never invent one)."""
    problems = []
    ids = _ids(message)
    try:
        wanted = [placeholders(i) for i in ids]
    except ValueError:
        return [f"{ids[0]!r}: the English has unbalanced braces"]
    allowed = set().union(*wanted)
    for text in _strings(message):
        if not text:
            continue
        try:
            got = placeholders(text)
        except ValueError:
            problems.append(f"{ids[0]!r}: unbalanced braces in {text!r}")
            continue
        if got - allowed:
            problems.append(f"{ids[0]!r}: {text!r} uses {sorted(got - allowed)} not in the English")
        elif len(ids) == 1 and got != allowed:
            problems.append(f"{ids[0]!r}: {text!r} leaves out {sorted(allowed - got)}")
    return problems


def catalog_problems(lang: str, source: Catalog | None = None) -> list[str]:
    """Everything wrong with one language's catalog, one line each."""
    path, problems = po_path(lang), []
    if not path.exists():
        return [f"{lang}: {path.relative_to(ROOT)} is missing (run: python scripts/i18n.py update)"]
    catalog = _read_po(path, lang)
    source = source or extract_catalog()
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in _messages(catalog)}
    for message in _messages(source):
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key not in known:
            problems.append(f"{lang}: not in the catalog (run: python scripts/i18n.py update): {key!r}")
    for message in _messages(catalog):
        where = ", ".join(sorted({f for f, _ in message.locations})) or "?"
        if message.fuzzy:
            problems.append(f"{lang}: fuzzy (check the translation, then delete the '#, fuzzy' line): "
                            f"{_ids(message)[0]!r} ({where})")
        elif not _translated(message):
            problems.append(f"{lang}: untranslated: {_ids(message)[0]!r} ({where})")
        problems += [f"{lang}: placeholders: {p}" for p in placeholder_problems(message)]
    mo = mo_path(lang)
    if not mo.exists():
        problems.append(f"{lang}: {mo.relative_to(ROOT)} is missing (run: python scripts/i18n.py compile)")
    elif not mo_matches(catalog, mo):
        problems.append(f"{lang}: {mo.relative_to(ROOT)} is older than the .po (run: python scripts/i18n.py compile)")
    return problems


def mo_messages(data: bytes) -> dict[object, object]:
    with io.BytesIO(data) as handle:
        catalog = read_mo(handle)
    def key(value: object) -> object:
        return tuple(value) if isinstance(value, list) else value

    return {key(m.id): key(m.string) for m in catalog if m.id}


def mo_matches(catalog: Catalog, mo: Path) -> bool:
    return mo_messages(compile_mo(catalog)) == mo_messages(mo.read_bytes())


def check() -> int:
    source = extract_catalog()
    problems = []
    if not TEMPLATE.exists() or {m.id for m in _messages(_read_po(TEMPLATE))} != {m.id for m in _messages(source)}:
        problems.append(f"{TEMPLATE.relative_to(ROOT)} is stale (run: python scripts/i18n.py extract)")
    for lang in _languages():
        problems += catalog_problems(lang, source)
    for line in problems:
        print("check: " + line)
    if problems:
        print(f"check: {len(problems)} problem(s). Translate in "
              f"{po_path('<lang>').relative_to(ROOT)}, then run: python scripts/i18n.py all")
        return 1
    print(f"check: ok ({len(list(_messages(source)))} messages, languages: {', '.join(_languages())})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/i18n.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["extract", "update", "compile", "check", "all"])
    command = parser.parse_args(argv).command
    if command in ("extract", "all"):
        extract()
    if command in ("update", "all"):
        update()
    if command in ("compile", "all"):
        compile_all()
    if command in ("check", "all"):
        return check()
    return 0


if __name__ == "__main__":
    sys.exit(main())
