"""Reading import files as they come (services/table_reader.py, docs/import-files.md):
encodings, dialects, workbooks, standard input, and one clear sentence for every file
that cannot be read, found before the first row is handed out."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salescli.core.errors import BadInputError, ExitCode
from salescli.present.messages import sentence
from salescli.services.table_reader import SAMPLE_BYTES, cell_text, open_table
from salescli.terminal.messages import CLI_WORDING

CHINESE = (
    "公司名称,联系人,手机,城市\r\n北京宏达科技有限公司,张伟,13800000000,北京\r\n上海浦东发展,王芳,13900000001,上海\r\n"
)


def read(path: str | Path, **options: object) -> tuple[object, list[str], list[tuple[int, list[str]]]]:
    with open_table(str(path), **options) as table:  # type: ignore[arg-type]
        rows = list(table.rows())
        return table, table.header, rows


def refused(path: str | Path, code: str, **options: object) -> BadInputError:
    """The error reading `path` raises, checked to be `code`, exit 2, and one plain sentence."""
    with pytest.raises(BadInputError) as caught, open_table(str(path), **options):  # type: ignore[arg-type]
        pass
    error = caught.value
    assert error.code == code, error
    assert error.exit_code == ExitCode.USAGE
    for wording in (None, CLI_WORDING):
        words = sentence(error, wording)
        assert "\n" not in words and "{" not in words and error.code not in words, words
    return error


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- encodings -------------------------------------------------------------------------

@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030"),
    ("utf-16", "utf-16"), ("utf-16-be", None), ("utf-32", "utf-32"),
])
def test_chinese_text_in_every_common_encoding(tmp_path: Path, encoding: str, expected: str | None) -> None:
    data = CHINESE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # UTF-16 big-endian with its BOM
        expected = "utf-16"
    table, header, rows = read(write(tmp_path, "leads.csv", data))
    assert table.encoding == expected and table.encoding_guessed
    assert header == ["公司名称", "联系人", "手机", "城市"]  # no BOM left on the first header
    assert rows == [(2, ["北京宏达科技有限公司", "张伟", "13800000000", "北京"]),
                    (3, ["上海浦东发展", "王芳", "13900000001", "上海"])]
    assert table.format == "csv" and table.delimiter == "," and table.count == 2


def test_a_short_gbk_file_is_read_as_gb18030(tmp_path: Path) -> None:
    """A few Chinese words decode as Korean just as cleanly; the Chinese reading wins."""
    for text in ("名称,电话\n华为,138\n", "公司,姓名\n中\n"):
        table, _, rows = read(write(tmp_path, "short.csv", text.encode("gbk")))
        assert table.encoding == "gb18030"
        assert rows[0][1][0] in ("华为", "中")


def test_characters_only_gb18030_has_are_read(tmp_path: Path) -> None:
    text = "公司,联系人\n𠀾科技,王𠀾\n"  # outside GBK: GB18030's four-byte forms
    table, _, rows = read(write(tmp_path, "gb.csv", text.encode("gb18030")), encoding="gb18030")
    assert rows == [(2, ["𠀾科技", "王𠀾"])] and not table.encoding_guessed


def test_named_encoding_wins(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.csv", "Company,Contact\nCafé Crème,José\n".encode("latin-1"))
    table = read(write(tmp_path, "gbk.csv", CHINESE.encode("gbk")), encoding="GBK")[0]
    assert table.encoding == "gb18030"  # the superset: what Excel calls GBK may hold GB18030's extra characters
    table, _, rows = read(path, encoding="LATIN1")
    assert table.encoding == "iso8859-1" and not table.encoding_guessed
    assert rows == [(2, ["Café Crème", "José"])]
    # --encoding utf-8 on a file with a BOM does not leave the BOM on the first header
    _, header, _ = read(write(tmp_path, "bom.csv", b"\xef\xbb\xbfa,b\n1,2\n"), encoding="utf-8")
    assert header == ["a", "b"]


# --- dialects --------------------------------------------------------------------------

def test_crlf_quoted_commas_and_newlines_keep_line_numbers(tmp_path: Path) -> None:
    data = (
        b'Company,Note,Phone\r\n'
        b'"Acme, Inc.","first line\r\nsecond line",138\r\n'
        b'Beta,"He said ""hi""",139\r\n'
        b'\r\n'
        b'Gamma,"a\nb\nc",140\r\n'
        b'Delta,,141\r\n'
        b'\r\n\r\n'
    )
    _, header, rows = read(write(tmp_path, "crlf.csv", data))
    assert header == ["Company", "Note", "Phone"]
    assert rows == [
        (2, ["Acme, Inc.", "first line\r\nsecond line", "138"]),
        (4, ["Beta", 'He said "hi"', "139"]),
        (6, ["Gamma", "a\nb\nc", "140"]),  # line 5 is blank and skipped
        (9, ["Delta", "", "141"]),
    ]


@pytest.mark.parametrize(("delimiter", "named"), [(";", ";"), ("\t", "\t"), ("|", "|"), (",", ",")])
def test_delimiters_are_sniffed(tmp_path: Path, delimiter: str, named: str) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows([
        ["公司", "备注", "手机"], ["Acme", "a,b;c|d\te", "138"], ["Beta", "", "139"],
    ])
    table, header, rows = read(write(tmp_path, "d.csv", buffer.getvalue().encode()))
    assert table.delimiter == named
    assert header == ["公司", "备注", "手机"]
    assert rows[0] == (2, ["Acme", "a,b;c|d\te", "138"])


def test_delimiter_option_wins_and_accepts_words(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", b"a,b\tc\n1,2\t3\n")
    assert read(path, delimiter="tab")[1] == ["a,b", "c"]
    assert read(path, delimiter="\\t")[2] == [(2, ["1,2", "3"])]
    assert read(path, delimiter=",")[1] == ["a", "b\tc"]


def test_single_column_and_excel_sep_line(tmp_path: Path) -> None:
    table, header, rows = read(write(tmp_path, "one.csv", b"Email\na@x.com\nb@y.com\n"))
    assert header == ["Email"] and rows == [(2, ["a@x.com"]), (3, ["b@y.com"])]
    table, header, rows = read(write(tmp_path, "sep.csv", b"sep=;\r\nName;Phone\r\nLi, Hua;138\r\n"))
    assert table.delimiter == ";" and header == ["Name", "Phone"]
    assert rows == [(3, ["Li, Hua", "138"])]


def test_leading_and_trailing_blank_lines_are_skipped(tmp_path: Path) -> None:
    _, header, rows = read(write(tmp_path, "blank.csv", b"\n\nName,Phone\n,\nLi,1\n  ,  \n\n\n"))
    assert header == ["Name", "Phone"] and rows == [(5, ["Li", "1"])]


def test_old_mac_line_ends(tmp_path: Path) -> None:
    _, header, rows = read(write(tmp_path, "cr.csv", b"Name,Phone\rLi,1\rWang,2\r"))
    assert header == ["Name", "Phone"] and rows == [(2, ["Li", "1"]), (3, ["Wang", "2"])]


# --- standard input --------------------------------------------------------------------

def test_standard_input_is_read_once_and_spooled(tmp_path: Path) -> None:
    stdin = io.BytesIO(CHINESE.encode("gbk") * 1)
    with open_table("-", stdin=stdin) as table:
        assert table.encoding == "gb18030" and table.size == len(CHINESE.encode("gbk"))
        assert [line for line, _ in table.rows()] == [2, 3]
        assert table.position() == table.size
    big = b"Name,Phone\n" + b"".join(b"Li %d,%d\n" % (i, i) for i in range(100_000))  # spooled to disk
    with open_table("-", stdin=io.BytesIO(big)) as table:
        assert sum(1 for _ in table.rows()) == 100_000 == table.count


def test_standard_input_errors_name_it(tmp_path: Path) -> None:
    with pytest.raises(BadInputError) as caught, open_table("-", stdin=io.BytesIO(b"Name,Phone\n")):
        pass
    assert caught.value.code == "import.no_rows"
    assert sentence(caught.value).startswith("standard input holds only a header line")


# --- workbooks -------------------------------------------------------------------------

def test_xlsx_first_sheet_numbers_dates_and_row_numbers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["公司名称", "手机", "金额", "日期", "时间", None])
    sheet.append([None, None])
    sheet.append(["华为", 13812345678, 12.5, datetime(2026, 11, 23), datetime(2026, 11, 23, 9, 30), None])
    sheet.cell(row=6, column=1, value="宏达")
    sheet.cell(row=6, column=2, value=1.3812345678e10)  # a phone typed as a number, stored as a float
    book.create_sheet("other").append(["ignored"])
    path = tmp_path / "leads.xlsx"
    book.save(path)
    table, header, rows = read(path)
    assert table.format == "xlsx" and table.encoding == "xlsx" and table.delimiter is None
    assert header == ["公司名称", "手机", "金额", "日期", "时间"]
    assert rows == [
        (3, ["华为", "13812345678", "12.5", "2026-11-23", "2026-11-23 09:30:00"]),
        (6, ["宏达", "13812345678"]),
    ]


def test_xlsx_without_its_extension_is_recognised(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Company"])
    book.active.append(["Acme"])
    path = tmp_path / "export.dat"
    book.save(path)
    assert read(path)[2] == [(2, ["Acme"])]
    assert read("-", stdin=io.BytesIO(path.read_bytes()))[2] == [(2, ["Acme"])]


def test_workbook_cells_as_text() -> None:
    assert cell_text(13812345678.0) == "13812345678"
    assert cell_text(1e20) == "100000000000000000000"
    assert cell_text(0.1) == "0.1"
    assert cell_text(True) == "TRUE"
    assert cell_text(None) == ""


# --- files that cannot be read ---------------------------------------------------------

def test_missing_file_and_folder(tmp_path: Path) -> None:
    error = refused(tmp_path / "nope.csv", "import.cannot_open")
    assert sentence(error).endswith("there is no such file.")
    error = refused(tmp_path, "import.cannot_open")
    assert "folder" in sentence(error)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.csv", b"a,b\n1,2\n")
    if os.geteuid() == 0:  # root reads every file: refuse it the way the system would
        import salescli.services.table_reader as reader

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(reader, "open", refuse, raising=False)
    else:
        path.chmod(0)
    assert "permission denied" in sentence(refused(path, "import.cannot_open"))


@pytest.mark.parametrize("data", [b"", b"   \r\n\n\t", b"\xef\xbb\xbf", b"\xff\xfe", b",,,\n,,\n"])
def test_empty_files(tmp_path: Path, data: bytes) -> None:
    refused(write(tmp_path, "empty.csv", data), "import.empty_file")


@pytest.mark.parametrize("data", [b"Company,Phone", b"Company,Phone\r\n\r\n\r\n", b"\xef\xbb\xbfCompany\n,\n"])
def test_header_only_files(tmp_path: Path, data: bytes) -> None:
    error = refused(write(tmp_path, "header.csv", data), "import.no_rows")
    assert "only a header line" in sentence(error)


def test_binary_garbage(tmp_path: Path) -> None:
    refused(write(tmp_path, "photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), "import.not_text")
    refused(write(tmp_path, "random.csv", os.urandom(4096)), "import.not_text")
    # a NUL far past the sample: found by the checking pass, with its line
    data = b"Name,Phone\n" + b"Li,1\n" * (SAMPLE_BYTES // 5) + b"Wang,\x002\n"
    error = refused(write(tmp_path, "nul.csv", data), "import.not_text")
    assert error.params["line"] == SAMPLE_BYTES // 5 + 2


def test_other_kinds_of_file(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr("leads.csv", "a,b\n1,2\n")
    assert "zip" in sentence(refused(tmp_path / "a.zip", "import.not_text"))
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert ".xls" in sentence(refused(write(tmp_path, "old.xls", ole), "import.not_text"))
    assert "password" in sentence(refused(write(tmp_path, "locked.xlsx", ole), "import.not_text"))
    with zipfile.ZipFile(tmp_path / "bad.xlsx", "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    assert "damaged" in sentence(refused(tmp_path / "bad.xlsx", "import.not_text"))


def test_empty_and_header_only_workbooks(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.save(tmp_path / "empty.xlsx")
    refused(tmp_path / "empty.xlsx", "import.empty_file")
    book.active.append(["Company", "Phone"])
    book.save(tmp_path / "header.xlsx")
    refused(tmp_path / "header.xlsx", "import.no_rows")


def test_a_decode_error_past_the_sample_is_found_before_any_row(tmp_path: Path) -> None:
    """The sample is UTF-8; line 60,002 is GBK. Nothing is yielded: the error comes first."""
    rows = b"".join(b"Li %d,%d\n" % (i, i) for i in range(60_000))
    assert len(rows) > SAMPLE_BYTES
    data = b"Name,Phone\n" + rows + "王芳,139\n".encode("gbk") + b"Zhao,1\n"
    error = refused(write(tmp_path, "mixed.csv", data), "import.decode_failed")
    assert error.params == {"file": str(tmp_path / "mixed.csv"), "encoding": "utf-8", "line": 60_002,
                            "guessed": True}
    words = sentence(error, CLI_WORDING)
    assert "Line 60002 of" in words and "UTF-8 (the encoding guessed)" in words and "--encoding gb18030" in words


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_one_broken_line_in_the_sample_is_named_not_called_binary(tmp_path: Path, encoding: str) -> None:
    data = ("公司名称,联系人\n" + "北京宏达科技有限公司,张伟\n" * 500).encode(encoding) + b"Bad,\x81 x\n"
    error = refused(write(tmp_path, "broken.csv", data + "上海,王\n".encode(encoding)), "import.decode_failed")
    assert error.params["line"] == 502
    assert error.params["encoding"] == ("gb18030" if encoding == "gbk" else "utf-8")


def test_a_named_encoding_that_does_not_fit(tmp_path: Path) -> None:
    path = write(tmp_path, "gbk.csv", CHINESE.encode("gbk"))
    error = refused(path, "import.decode_failed", encoding="utf-8")
    assert error.params["line"] == 1 and error.params["guessed"] is False
    assert "(the encoding named)" in sentence(error)


def test_bad_options_are_refused_before_reading(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    error = refused(missing, "import.unknown_encoding", encoding="klingon")
    assert "--encoding 'klingon'" in sentence(error, CLI_WORDING)
    refused(missing, "import.unknown_encoding", encoding="rot13")
    refused(missing, "import.bad_delimiter", delimiter="ab")
    refused(missing, "import.bad_delimiter", delimiter='"')


def test_a_quote_that_never_closes(tmp_path: Path) -> None:
    data = b'Company,Note\nAcme,fine\nBeta,"runs on\nGamma,1\nDelta,2\n'
    error = refused(write(tmp_path, "quote.csv", data), "import.unclosed_quote")
    assert error.params["line"] == 3


def test_a_field_past_the_size_limit(tmp_path: Path) -> None:
    data = b'Company,Note\nAcme,"' + b"x" * (csv.field_size_limit() + 10) + b'"\nBeta,1\n'
    error = refused(write(tmp_path, "huge.csv", data), "import.bad_csv")
    assert error.params["line"] == 2


# --- streaming -------------------------------------------------------------------------

def _peak_while_reading(path: Path) -> tuple[int, list[int], object, int, int]:
    """(peak traced memory, positions seen on the way, the table, rows, last line)."""
    import tracemalloc

    tracemalloc.start()
    try:
        with open_table(str(path)) as table:
            positions = []
            count = line = 0
            for count, (line, _cells) in enumerate(table.rows(), start=1):  # noqa: B007 - the last one is wanted
                if count % 10_000 == 0:
                    positions.append(table.position())
            _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, positions, table, count, line


def test_rows_stream_with_flat_memory_and_progress_moves(tmp_path: Path) -> None:
    """Reading four times the rows takes no more memory: the file is never held whole."""
    peaks = {}
    note = "a note, with a comma, " * 5
    for rows in (40_000, 80_000):
        path = tmp_path / f"big{rows}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["公司", "联系人", "手机", "备注"])
            writer.writerows([f"公司{i}", "李华", f"138{i:08d}", note] for i in range(rows))
        assert path.stat().st_size > 5 * 1024 * 1024 * rows // 40_000
        peak, positions, table, count, line = _peak_while_reading(path)
        assert count == rows == table.count and line == rows + 1  # type: ignore[attr-defined]
        assert positions == sorted(positions) and positions[0] < table.size  # type: ignore[attr-defined]
        assert table.position() == table.size  # type: ignore[attr-defined]
        peaks[rows] = peak
    assert peaks[80_000] < peaks[40_000] * 1.25, peaks
    assert peaks[80_000] < 8 * 1024 * 1024, peaks


# --- the property: nothing lost, nothing invented --------------------------------------

_SPECIAL = list(',;\t"\n\r \'|')
_COMMON = list("公司名称联系人手机电话城市北京上海广州深圳科技有限发展贸易张王李赵刘陈杨黄伟芳娜敏静，。：（）")
# Any character GB18030 can encode: no detector could tell such a mixture's encoding, so
# a GB18030 file of these is read with its encoding named; UTF files are told by their
# BOM or by decoding cleanly as UTF-8, so they take any character.
_wild_cell = st.text(
    alphabet=st.one_of(st.sampled_from(_SPECIAL), st.characters(codec="gb18030", exclude_categories=("Cs", "Cc"))),
    max_size=12,
)
# What a Chinese spreadsheet holds: its GB18030 encoding must be guessed right.
_plain_cell = st.text(
    alphabet=st.one_of(st.sampled_from(_SPECIAL + _COMMON), st.characters(codec="ascii", exclude_categories=("Cc",))),
    max_size=12,
)


def _rows(cell: st.SearchStrategy[str]) -> st.SearchStrategy[list[list[str]]]:
    return st.integers(min_value=1, max_value=5).flatmap(
        lambda width: st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=12)
    )


@st.composite
def _files(draw: st.DrawFn) -> tuple[list[list[str]], str, dict[str, str]]:
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    wild = draw(st.booleans())
    rows = draw(_rows(_wild_cell if wild else _plain_cell))
    return rows, encoding, ({"encoding": encoding} if wild and encoding == "gb18030" else {})


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    file=_files(),
    delimiter=st.sampled_from([",", ";", "\t"]),
    line_end=st.sampled_from(["\n", "\r\n"]),
    name_it=st.booleans(),
    quote_all=st.booleans(),
)
def test_reading_never_crashes_and_loses_no_row(tmp_path: Path, file: tuple[list[list[str]], str, dict[str, str]],
                                                delimiter: str, line_end: str, name_it: bool,
                                                quote_all: bool) -> None:
    rows, encoding, options = file
    width = len(rows[0])
    header = [f"col{i}" for i in range(width)]
    buffer = io.StringIO(newline="")
    # The csv module quotes a lone CR only when it is part of the line end it writes (Excel
    # always quotes it); such rows are written fully quoted, as any spreadsheet would.
    if line_end == "\n" and any("\r" in cell for row in rows for cell in row):
        quote_all = True
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end, quoting=quoting)
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    path = tmp_path / "prop.csv"
    data = text.encode(encoding)
    path.write_bytes(data)
    if encoding == "gb18030" and _is_utf8(data):
        options = options | {"encoding": encoding}  # 贸 is C3 B3 in GB18030, and ó in UTF-8: any guess may be wrong
    expected = [row for row in rows if any(cell.strip() for cell in row)]
    # A single column can hold the other delimiters unquoted, so nothing could tell them
    # apart: such files are read with the delimiter named, as a user would have to.
    if name_it or width == 1:
        options = options | {"delimiter": delimiter}
    try:
        with open_table(str(path), **options) as table:  # type: ignore[arg-type]
            got = list(table.rows())
    except BadInputError as error:
        assert not expected and error.code == "import.no_rows", error
        return
    assert table.header == header
    assert [cells for _, cells in got] == expected
    assert table.count == len(expected)
    lines = [line for line, _ in got]
    assert lines == sorted(set(lines)) and all(line >= 2 for line in lines)
