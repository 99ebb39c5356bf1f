"""Reading a table file as it comes: CSV in any common encoding and dialect, or an .xlsx
workbook (docs/import-files.md).

The importer writes in committed batches, so everything that could make a file unreadable
is found *before* the first row is handed out: the whole file is decoded once with the
chosen codec (a decode error at row 80,000 would otherwise leave 79,999 rows written), and
once parsed as CSV (a quote that never closes, a field past the size limit). Both passes
stream, as does the pass that yields the rows, so memory stays flat however long the file.
Standard input is spooled to a temporary file first, because it can be read only once.

No SQL and no words here: problems are `BadInputError`s with the facts, worded by
present/import_messages.py.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import IO, Any, BinaryIO

from salescli.core.errors import BadInputError

SAMPLE_BYTES = 256 * 1024  # what charset-normalizer looks at
SNIFF_CHARS = 64 * 1024  # what the delimiter is guessed from
CHUNK = 1024 * 1024  # the decoding pass's read size
SPOOL_IN_MEMORY = 1024 * 1024  # standard input beyond this goes to a file on disk
DELIMITERS = ",;\t|"
_DELIMITER_WORDS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# What Excel in China writes is GBK; GB18030 decodes every GBK file and more.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "euc_cn", "ms936"}
# How much messier than the best guess a GB18030 reading may look and still win: on a few
# words the detector's "chaos" differs by a few hundredths between equally clean readings,
# while Korean text read as GB scores over 0.1 worse and Big5 text is not a GB candidate at all.
_GB_MARGIN = 0.08
# Below this many non-ASCII bytes the detector's verdict is noise (it calls two Chinese
# characters Hebrew or Ukrainian); a sample that decodes as GB18030 is read so.
_TOO_FEW_TO_JUDGE = 64
_HIGH_BYTES = bytes(range(0x80, 0x100))
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls workbook, or a password-protected .xlsx
_SENTINEL_CELL = "\x00end"  # fed after the last line: swallowed into a field only by a quote left open
_SENTINEL = _SENTINEL_CELL + "\n"
_EXCEL_SEP = re.compile(r"\ufeff?sep=(.)\r?\n?$")  # Excel's "sep=;" first line


class Table:
    """An open table file: its header and, through `rows()`, its records.

    `rows()` yields (line, cells): the 1-based physical line the record starts on (the
    header is line 1 when the file starts with it; a quoted field holding newlines makes
    later lines jump), or the sheet's row number for a workbook. Wholly blank rows are
    not yielded. `count` is the number of data rows when known before reading (CSV: the
    checking pass counted them), else None. `position()` is the bytes read so far, for a
    progress bar against `size`.
    """

    def __init__(self, *, name: str, header: list[str], encoding: str, encoding_guessed: bool,
                 delimiter: str | None, format: str, size: int, count: int | None,
                 rows: Iterator[tuple[int, list[str]]], position: Callable[[], int]) -> None:
        self.name = name
        self.header = header
        self.encoding = encoding
        self.encoding_guessed = encoding_guessed
        self.delimiter = delimiter
        self.format = format
        self.size = size
        self.count = count
        self._rows = rows
        self._position = position
        self._done = False

    def position(self) -> int:
        if self._done:  # a workbook's reading position is the zip's, not the rows'
            return self.size
        try:
            return min(self._position(), self.size)
        except (OSError, ValueError):  # closed underneath a late progress callback
            return self.size

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """The data rows, once: the file is read as they are consumed."""
        yield from self._rows
        self._done = True

    def __repr__(self) -> str:
        return (f"Table({self.name!r}, format={self.format!r}, encoding={self.encoding!r},"
                f" delimiter={self.delimiter!r}, columns={len(self.header)})")


def parse_delimiter(text: str | None) -> str | None:
    """`--delimiter` as typed: `,` `;` `|`, `tab` or `\\t` (or the word), or any other single
    punctuation character; None means "guess"."""
    if text is None:
        return None
    word = _DELIMITER_WORDS.get(text.strip().lower()) if text.strip() else None
    if word is not None:
        return word
    if text == "\t" or (len(text) == 1 and not text.isalnum() and text not in "\"\r\n "):
        return text
    raise BadInputError("import.bad_delimiter", delimiter=text)


def lookup_encoding(name: str) -> str:
    """The codec `--encoding` names, by Python's name for it ("UTF8" -> "utf-8")."""
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        raise BadInputError("import.unknown_encoding", encoding=name) from None
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib: not for files
        raise BadInputError("import.unknown_encoding", encoding=name)
    return info.name


@contextlib.contextmanager
def open_table(path: str, *, encoding: str | None = None, delimiter: str | None = None,
               stdin: BinaryIO | None = None) -> Iterator[Table]:
    """Open `path` (`-`: standard input) as a `Table`, checked whole before it is returned.

    Raises `BadInputError`: import.cannot_open, import.empty_file, import.no_rows,
    import.not_text, import.decode_failed, import.unknown_encoding, import.bad_delimiter,
    import.bad_csv, import.unclosed_quote.
    """
    chosen_delimiter = parse_delimiter(delimiter)  # bad options are refused before any reading
    given = lookup_encoding(encoding) if encoding is not None else None
    with contextlib.ExitStack() as stack:
        raw, size = _open_source(path, stdin, stack)
        head = raw.read(SAMPLE_BYTES)
        raw.seek(0)
        if head.startswith(_ZIP_MAGIC):
            table = _open_workbook(path, raw, size, stack)
        elif head.startswith(_OLE_MAGIC):
            encrypted = path.lower().endswith((".xlsx", ".xlsm"))
            raise BadInputError("import.not_text", file=path, reason="encrypted" if encrypted else "xls")
        else:
            table = _open_csv(path, raw, size, head, given, chosen_delimiter, stack)
        yield table


# --- the source ------------------------------------------------------------------------

def _open_source(path: str, stdin: BinaryIO | None, stack: contextlib.ExitStack) -> tuple[IO[bytes], int]:
    """A seekable binary file and its size. Standard input, and a pipe given by name
    (`<(zcat leads.csv.gz)`), are spooled first: they can be read only once."""
    if path == "-":
        return _spool(stdin if stdin is not None else sys.stdin.buffer, stack)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise BadInputError("import.cannot_open", file=path, reason="not_found") from None
    except PermissionError:
        raise BadInputError("import.cannot_open", file=path, reason="permission") from None
    except (OSError, ValueError) as error:
        raise BadInputError("import.cannot_open", file=path, reason="other",
                            problem=getattr(error, "strerror", None) or str(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise BadInputError("import.cannot_open", file=path, reason="folder")
    try:
        handle = stack.enter_context(open(path, "rb"))  # noqa: SIM115 - closed by the stack
    except PermissionError:
        raise BadInputError("import.cannot_open", file=path, reason="permission") from None
    except OSError as error:
        raise BadInputError("import.cannot_open", file=path, reason="other",
                            problem=error.strerror or str(error)) from None
    if not stat.S_ISREG(info.st_mode) or not handle.seekable():
        return _spool(handle, stack)
    return handle, info.st_size


def _spool(source: IO[bytes], stack: contextlib.ExitStack) -> tuple[IO[bytes], int]:
    spool = stack.enter_context(tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY, mode="w+b"))  # noqa: SIM115
    shutil.copyfileobj(source, spool, CHUNK)
    size = spool.tell()
    spool.seek(0)
    return spool, size  # type: ignore[return-value]


# --- CSV -------------------------------------------------------------------------------

def _open_csv(path: str, raw: IO[bytes], size: int, head: bytes, given: str | None,
              delimiter: str | None, stack: contextlib.ExitStack) -> Table:
    whole = len(head) == size
    if given is not None:
        codec, guessed = given, False
        if codec in _GB_FAMILY:
            codec = "gb18030"  # decodes every GB2312 and GBK file, and the characters they lack
        if codec == "utf-8" and head.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"  # the BOM is not part of the first header
    else:
        codec, guessed = _guess_encoding(path, head, whole), True
    sample = _check_decoding(path, raw, codec, guessed)
    skip = 0
    first_line = sample.splitlines(keepends=True)[0] if sample else ""
    excel_sep = _EXCEL_SEP.match(first_line)
    if excel_sep is not None:
        skip = 1
        delimiter = delimiter or excel_sep.group(1)
        sample = sample[len(first_line):]
    if delimiter is None:
        delimiter = sniff_delimiter(sample)
    header, header_line, count = _check_records(path, raw, codec, delimiter, skip)
    raw.seek(0)
    text = stack.enter_context(io.TextIOWrapper(raw, encoding=codec, newline=""))  # type: ignore[type-var]
    return Table(name=path, header=header, encoding=codec, encoding_guessed=guessed, delimiter=delimiter,
                 format="csv", size=size, count=count,
                 rows=_csv_rows(text, delimiter, skip, header_line), position=raw.tell)


def _guess_encoding(path: str, head: bytes, whole: bool) -> str:
    """The codec of a file nobody named: its BOM; else UTF-8 when the sample is valid UTF-8
    (ASCII is); else charset-normalizer's best guess, with GB18030 (what Excel in China
    writes) winning every close call: see `_gb_fits()`."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    if whole and not head.strip(b" \t\r\n\x0b\x0c"):
        raise BadInputError("import.empty_file", file=path)
    has_nul = b"\x00" in head
    if not has_nul and _decodes(head, "utf-8", whole):
        return "utf-8"
    gb_clean = not has_nul and _decodes(head, "gb18030", whole)
    if gb_clean and len(head) - len(head.translate(None, _HIGH_BYTES)) < _TOO_FEW_TO_JUDGE:
        return "gb18030"  # a few Chinese words in an ASCII file: too little for the detector
    if not has_nul and not gb_clean:
        for codec in ("utf-8", "gb18030"):
            if _nearly(head, codec):
                return codec  # the checking pass names the line that breaks it
    from charset_normalizer import from_bytes

    matches = from_bytes(head)
    # A CSV is mostly ASCII (delimiters, line ends, digits), so UTF-16 or UTF-32 without a
    # BOM shows NULs, and anything else must not have any: the detector, on a few bytes,
    # says otherwise now and then.
    candidates = [m for m in matches if _is_wide(m.encoding) == has_nul]
    if not candidates:
        if gb_clean:
            return "gb18030"
        raise BadInputError("import.not_text", file=path, reason="binary")
    best = candidates[0]
    if gb_clean and _gb_fits(head, best, matches):
        return "gb18030"
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        raise BadInputError("import.not_text", file=path, reason="binary") from None


def _decodes(head: bytes, codec: str, whole: bool) -> bool:
    try:
        codecs.getincrementaldecoder(codec)().decode(head, final=whole)
    except UnicodeDecodeError:
        return False
    return True


def _nearly(head: bytes, codec: str) -> bool:
    """Whether the sample is text in `codec` with a rare broken sequence (a file cut and
    pasted together, a byte lost in transit): at least 50 good non-ASCII characters for
    each bad one. Such a file is read as `codec`, so the error names the line to fix
    rather than calling the whole file binary."""
    text = head.decode(codec, "replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore").decode()) - bad
    return bad > 0 and good >= 50 * bad


def _is_wide(encoding: str) -> bool:
    return encoding.lower().replace("-", "_").startswith(("utf_16", "utf_32"))


def _gb_fits(head: bytes, best: Any, matches: Any) -> bool:
    """Whether a sample that decodes as GB18030 is read so: GB is the best guess, or its
    reading looks about as clean as the best guess's. A few Chinese words decode as Korean
    or Japanese just as well, and on such a tie the GB reading wins, since that is what a
    Chinese spreadsheet writes; a Big5 or Korean file reads clearly worse as GB, so it
    stays what it is."""
    from charset_normalizer import from_bytes

    if best.encoding.lower().replace("-", "_") in _GB_FAMILY:
        return True
    known = [m for m in matches if m.encoding.lower().replace("-", "_") in _GB_FAMILY]
    gb = known[0] if known else from_bytes(head, cp_isolation=["gb18030"]).best()
    return gb is not None and gb.chaos <= best.chaos + _GB_MARGIN


def _check_decoding(path: str, raw: IO[bytes], codec: str, guessed: bool) -> str:
    """Decode the whole file once, in chunks; return its first SNIFF_CHARS characters.

    A byte sequence the codec rejects is `import.decode_failed` with the line it is on;
    a NUL character (binary data, or a UTF-16 file read as something else) is `import.not_text`.
    """
    decoder = codecs.getincrementaldecoder(codec)()
    wide = codec.startswith(("utf-16", "utf-32"))
    sample: list[str] = []
    sampled = 0
    lines = 1  # the line the next decoded character is on
    raw.seek(0)
    while True:
        data = raw.read(CHUNK)
        final = not data
        try:
            text = decoder.decode(data, final=final)
        except UnicodeDecodeError as error:
            before = error.object[: error.start]
            if wide:
                lines += before.decode(codec.replace("-sig", ""), "replace").count("\n")
            else:
                lines += before.count(b"\n")
            raise BadInputError("import.decode_failed", file=path, encoding=codec, line=lines,
                                guessed=guessed) from None
        if "\x00" in text:
            line = lines + text[: text.index("\x00")].count("\n")
            raise BadInputError("import.not_text", file=path, reason="binary", line=line)
        lines += text.count("\n")
        if sampled < SNIFF_CHARS:
            sample.append(text[: SNIFF_CHARS - sampled])
            sampled += len(sample[-1])
        if final:
            break
    raw.seek(0)
    return "".join(sample)


def sniff_delimiter(sample: str) -> str:
    """The delimiter of a CSV sample: the one candidate (`, ; tab |`) in the header line
    when there is just one; csv.Sniffer on the first lines when there are several; the one
    the header line holds most as a last resort; `,` for a single column."""
    first = next((line for line in sample.splitlines() if line.strip()), "")
    present = [d for d in DELIMITERS if d in first]
    if not present:
        return ","
    if len(present) == 1:
        return present[0]
    cut = sample.rfind("\n", 0, SNIFF_CHARS)  # whole lines only: a cut line misleads the sniffer
    try:
        found = csv.Sniffer().sniff(sample[: cut if cut > 0 else len(sample)], delimiters="".join(present))
        if found.delimiter in present:
            return found.delimiter
    except csv.Error:
        pass
    return max(present, key=lambda d: (first.count(d), -DELIMITERS.index(d)))


def _reader(lines: Iterator[str], delimiter: str) -> Iterator[list[str]]:
    return csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True, skipinitialspace=False,
                      strict=False)


def _blank(cells: list[str]) -> bool:
    """Whether a record is wholly blank: no cells, empty cells, or only whitespace."""
    return not any(cells) or "".join(cells).isspace()


def _check_records(path: str, raw: IO[bytes], codec: str, delimiter: str,
                   skip: int) -> tuple[list[str], int, int]:
    """Parse the whole file once as CSV: (header, the line it starts on, data rows).

    A quote that opens a field and never closes swallows the rest of the file into that
    field; a sentinel line fed after the end shows it (it lands inside the field instead
    of forming a record of its own). A field past csv's size limit is `import.bad_csv`.
    """
    raw.seek(0)
    text = io.TextIOWrapper(raw, encoding=codec, newline="")  # type: ignore[type-var]
    try:
        for _ in range(skip):
            text.readline()
        reader = csv.reader(itertools.chain(text, [_SENTINEL]), delimiter=delimiter, strict=False)
        header: list[str] | None = None
        header_line = count = 0
        last_line = start = 0
        try:
            for cells in reader:  # up to the header
                start, last_line = last_line + 1, reader.line_num
                if not _blank(cells):
                    header, header_line = cells, start + skip
                    break
            cells = header or []
            for cells in reader:  # the data rows: a tight loop, this is the cost of checking a file
                start, last_line = last_line + 1, reader.line_num
                if not _blank(cells):
                    count += 1
        except csv.Error:
            raise BadInputError("import.bad_csv", file=path, line=last_line + 1 + skip,
                                limit=csv.field_size_limit()) from None
        # The sentinel is the last record, or inside it (NUL was refused earlier, so only
        # the sentinel holds one).
        if header == [_SENTINEL_CELL]:
            header = None
        elif header is not None and "\x00" in header[-1]:
            raise BadInputError("import.unclosed_quote", file=path, line=header_line)
        elif cells == [_SENTINEL_CELL]:
            count -= 1
        elif cells and "\x00" in cells[-1]:
            raise BadInputError("import.unclosed_quote", file=path, line=start + skip)
    finally:
        text.detach()
    if header is None:
        raise BadInputError("import.empty_file", file=path)
    if not count:
        raise BadInputError("import.no_rows", file=path)
    if header:
        header[0] = header[0].lstrip("\ufeff")  # a second BOM, or one a named codec kept
    return header, header_line, count


def _csv_rows(text: io.TextIOWrapper, delimiter: str, skip: int, header_line: int) -> Iterator[tuple[int, list[str]]]:
    for _ in range(skip):
        text.readline()
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    last_line = 0
    for cells in reader:
        start, last_line = last_line + 1 + skip, reader.line_num
        if start <= header_line or _blank(cells):
            continue
        yield start, cells


# --- xlsx ------------------------------------------------------------------------------

def _open_workbook(path: str, raw: IO[bytes], size: int, stack: contextlib.ExitStack) -> Table:
    """The first sheet of an .xlsx workbook (openpyxl in read-only mode: rows stream)."""
    import zipfile

    try:
        with zipfile.ZipFile(raw) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BadInputError("import.not_text", file=path, reason="zip") from None
    if "xl/workbook.xml" not in names:
        raise BadInputError("import.not_text", file=path, reason="zip")
    raw.seek(0)
    from openpyxl import load_workbook

    try:
        book = load_workbook(raw, read_only=True, data_only=True)
        stack.callback(book.close)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some writers record a wrong size; read what is there
        rows = _sheet_rows(path, sheet)
        header = next(rows, None)
        first = next(rows, None)
    except BadInputError:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged workbook  # noqa: BLE001
        raise BadInputError("import.not_text", file=path, reason="damaged_xlsx") from None
    if header is None:
        raise BadInputError("import.empty_file", file=path)
    if first is None:
        raise BadInputError("import.no_rows", file=path)
    return Table(name=path, header=header[1], encoding="xlsx", encoding_guessed=False, delimiter=None,
                 format="xlsx", size=size, count=None, rows=itertools.chain([first], rows), position=raw.tell)


def _sheet_rows(path: str, sheet: object) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) of a sheet's non-blank rows. Read-only sheets yield an
    empty row for every missing one, so counting from the first row gives the row number.
    A workbook damaged further down is one sentence, not a traceback."""
    values_by_row = sheet.iter_rows(values_only=True)  # type: ignore[attr-defined]
    number = 0
    while True:
        try:
            values = next(values_by_row, None)
        except Exception:  # openpyxl raises many kinds on a damaged sheet  # noqa: BLE001
            raise BadInputError("import.not_text", file=path, reason="damaged_xlsx", line=number + 1) from None
        if values is None:
            return
        number += 1
        cells = [cell_text(value) for value in values]
        while cells and not cells[-1]:
            cells.pop()
        if cells and not _blank(cells):
            yield number, cells


def cell_text(value: object) -> str:
    """A workbook cell as the text a CSV would hold: whole numbers without ".0" (a phone
    number stored as a number stays 13812345678), no exponent, dates and times in ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        if value.is_integer() and abs(value) < 1e18:
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if not value.microsecond else "auto")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)
