"""English and Simplified Chinese: catalogs complete, language chosen right, JSON unchanged.

The catalog tests fail naming each string to fix; the fix is always
`python scripts/i18n.py all`, translate in zh_CN/LC_MESSAGES/salescli.po, run again
(src/salescli/locale/README.md).
"""

from __future__ import annotations

import gettext
import io
import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from rich.cells import cell_len

from salescli.core import i18n

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "salescli" / "locale"
PO = LOCALE / "zh_CN" / "LC_MESSAGES" / "salescli.po"
MO = LOCALE / "zh_CN" / "LC_MESSAGES" / "salescli.mo"
FIX = "run `python scripts/i18n.py all` and translate in src/salescli/locale/zh_CN/LC_MESSAGES/salescli.po"


# -- the catalogs ----------------------------------------------------------------------

def _source_messages() -> dict[str, tuple[str, ...]]:
    """msgid -> the files using it, straight from the source through Babel's extractor."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, "babel.cfg")
    found: dict[str, set[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords={}
    ):
        key = message if isinstance(message, str) else message[0]
        found.setdefault(key, set()).add(f"{filename}:{lineno}")
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _po() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="zh_CN")


def _ids(message) -> tuple[str, ...]:  # noqa: ANN001 - babel Message
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)


def _strings(message) -> tuple[str, ...]:  # noqa: ANN001
    return tuple(message.string) if isinstance(message.string, (list, tuple)) else (message.string,)


def test_source_strings_are_extracted() -> None:
    messages = _source_messages()
    assert len(messages) > 200
    for expected in ("Overdue tasks", "{n} day overdue", "Usage:", "A key", "Error: {problem}"):
        assert expected in messages


def test_no_translated_literal_hides_inside_an_f_string() -> None:
    """Babel cannot see `_("word")` inside an f-string, so the word stays English in
    every language (the duplicate details once said "contact:" in Chinese)."""
    import ast

    hidden = []
    for path in sorted((Path(i18n.__file__).parent.parent).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                        and inner.func.id in ("_", "N_", "ngettext")
                        and inner.args and isinstance(inner.args[0], ast.Constant)):
                    hidden.append(f"{path.name}:{inner.lineno}")
    assert not hidden, "translated literals inside f-strings: " + ", ".join(hidden)


def test_every_string_in_the_code_is_in_the_chinese_catalog() -> None:
    known = {_ids(m)[0] for m in _po() if m.id}
    missing = [f"{msgid!r} ({', '.join(where)})" for msgid, where in _source_messages().items() if msgid not in known]
    assert not missing, f"{len(missing)} string(s) not in the zh_CN catalog ({FIX}):\n" + "\n".join(missing)


def test_every_catalog_entry_is_translated_and_reviewed() -> None:
    catalog = _po()
    assert catalog.plural_forms == "nplurals=1; plural=0;"
    bad = []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            bad.append(f"fuzzy: {_ids(message)[0]!r}")
        elif not all(_strings(message)):
            bad.append(f"untranslated: {_ids(message)[0]!r}")
    assert not bad, f"{len(bad)} entr(ies) to finish ({FIX}):\n" + "\n".join(bad)


def _fields(text: str) -> set[str]:
    import string

    return {
        "{" + name + (f"!{conv}" if conv else "") + "}"
        for _lit, name, _spec, conv in string.Formatter().parse(text)
        if name is not None
    }


def test_translations_keep_the_placeholders() -> None:
    bad = []
    for message in _po():
        if not message.id:
            continue
        wanted = set().union(*(_fields(i) for i in _ids(message)))
        for text in _strings(message):
            if not text:
                continue
            try:
                got = _fields(text)
            except ValueError:
                bad.append(f"{_ids(message)[0]!r}: unbalanced braces in {text!r}")
                continue
            if got != wanted:
                bad.append(f"{_ids(message)[0]!r}: {text!r} has {sorted(got)}, the English {sorted(wanted)}")
    assert not bad, "placeholders differ:\n" + "\n".join(bad)


def test_committed_mo_matches_the_po() -> None:
    """The .mo ships in the wheel: it must say what the .po says (compile it in memory)."""
    out = io.BytesIO()
    write_mo(out, _po(), use_fuzzy=False)
    fresh = gettext.GNUTranslations(io.BytesIO(out.getvalue()))
    with MO.open("rb") as handle:
        committed = gettext.GNUTranslations(handle)
    assert committed._catalog == fresh._catalog, "salescli.mo is stale: run `python scripts/i18n.py compile`"  # type: ignore[attr-defined]


def test_i18n_script_check_passes() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "check"], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# -- choosing the language -------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "code"),
    [("zh", "zh_CN"), ("zh-CN", "zh_CN"), ("zh_CN.UTF-8", "zh_CN"), ("zh_Hans", "zh_CN"), ("ZH_cn", "zh_CN"),
     ("en", "en"), ("en_US.UTF-8", "en"), ("C", "en"), ("C.UTF-8", "en"), ("POSIX", "en"),
     ("fr", None), ("zh_TW", None), ("english", None), ("", None)],
)
def test_language_codes_are_normalized(value: str, code: str | None) -> None:
    assert i18n.normalize_language(value) == code


def _write_config_lang(value: str) -> None:
    Path(os.environ["SALESCLI_CONFIG"]).write_text(f'[user]\nlang = "{value}"\n', encoding="utf-8")


def test_language_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    from salescli.core.i18n import resolve_language

    assert resolve_language(None) == "en"  # LANG=C.UTF-8
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert resolve_language(None) == "zh_CN"
    monkeypatch.setenv("LC_MESSAGES", "en_US.UTF-8")
    assert resolve_language(None) == "en"  # LC_MESSAGES beats LANG
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert resolve_language(None) == "zh_CN"  # LC_ALL beats both
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert resolve_language(None) == "en"  # a locale we lack means English
    _write_config_lang("zh_CN")
    assert resolve_language(None) == "zh_CN"  # config beats the locale
    monkeypatch.setenv("SALESCLI_LANG", "en")
    assert resolve_language(None) == "en"  # SALESCLI_LANG beats config
    assert resolve_language("zh-CN") == "zh_CN"  # --lang beats everything


def test_unknown_environment_language_is_warned_and_skipped(monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from salescli.core.i18n import resolve_language

    monkeypatch.setattr(i18n, "_warned", set())
    monkeypatch.setenv("SALESCLI_LANG", "klingon")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert resolve_language(None) == "zh_CN"
    assert resolve_language(None) == "zh_CN"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "klingon" in err and "zh_CN" in err


def test_each_source_switches_the_interface(cli) -> None:  # noqa: ANN001
    for env, args in [
        ({"LANG": "zh_CN.UTF-8"}, []),
        ({"LC_ALL": "zh_CN.UTF-8"}, []),
        ({"LC_MESSAGES": "zh_CN.UTF-8"}, []),
        ({"SALESCLI_LANG": "zh"}, []),
        ({}, ["--lang", "zh_CN"]),
    ]:
        run = cli.ok(*args, "tasks", env=env)
        assert "没有待办任务" in run.stdout, (env, args, run.stdout)
    _write_config_lang("zh_CN")
    assert "没有待办任务" in cli.ok("tasks").stdout
    assert "No open tasks." in cli.ok("--lang", "en", "tasks").stdout


def test_unknown_lang_lists_the_languages(cli) -> None:  # noqa: ANN001
    run = cli("--lang", "klingon", "tasks")
    assert run.exit_code == 2
    assert "klingon" in run.stderr and "en" in run.stderr and "zh_CN" in run.stderr
    assert run.stdout == ""


def _salescli() -> list[str]:
    script = Path(sys.executable).parent / "salescli"
    return [str(script)] if script.exists() else [shutil.which("salescli") or "salescli"]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "SALESCLI_LANG")} | env
    return subprocess.run(_salescli() + args, capture_output=True, text=True, env=full, timeout=60)


def test_unknown_lang_fails_even_with_help() -> None:
    proc = _run(["--lang", "xx", "--help"])
    assert proc.returncode == 2
    assert "en (English)" in proc.stderr and "zh_CN" in proc.stderr


def test_help_in_chinese_from_the_locale() -> None:
    proc = _run(["--help"], LANG="zh_CN.UTF-8", COLUMNS="80")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("用法：salescli [选项] 命令 [参数]..."), out
    for text in ("选项", "命令", "显示本帮助并退出。", "今日日程", "界面语言"):
        assert text in out, text
    assert "Usage" not in out and "Show this message" not in out
    assert all(cell_len(line) <= 80 for line in out.splitlines()), out
    english = _run(["--help"], LANG="C.UTF-8")
    assert english.stdout.startswith("Usage: salescli") and "Show this message and exit." in english.stdout


def test_subcommand_help_and_usage_errors_in_chinese() -> None:
    help_ = _run(["log", "--help"], LANG="zh_CN.UTF-8", COLUMNS="80")
    assert "参数" in help_.stdout and "[必填]" in help_.stdout and "[默认：call]" in help_.stdout
    missing = _run(["log"], LANG="zh_CN.UTF-8")
    assert missing.returncode == 2
    assert "缺少参数 'CUSTOMER'。" in missing.stderr and "查看帮助" in missing.stderr


def test_click_errors_translated_in_process_and_english_untouched(cli) -> None:  # noqa: ANN001
    run = cli("--lang", "zh_CN", "customer", "list", "--limit", "0")
    assert run.exit_code == 2  # our own sentence with the range (terminal/typer_params.py)
    assert run.stderr.startswith("错误：") and "--limit" in run.stderr and "1000000" in run.stderr
    run = cli("--lang", "zh_CN", "customer", "list", "--bogus")
    assert "没有这个选项：--bogus" in run.stderr
    run = cli("--lang", "zh_CN", "customer", "lst")
    assert "没有 'lst' 这个命令，你是不是想输入 'list'？" in run.stderr
    run = cli("--lang", "zh_CN", "completion", "tcsh")
    assert "不在可选值" in run.stderr and "Value error" not in run.stderr
    # Once hooked for Chinese, Typer's English stays exactly as it was.
    run = cli("customer", "list", "--limit", "0")
    assert "Error: --limit must be a whole number from 1 to 1000000." in run.stderr
    run = cli("customer", "lst")
    assert "No such command 'lst'. Did you mean 'list'?" in run.stderr


# -- a broken catalog ------------------------------------------------------------------

def _broken_locale(tmp_path: Path) -> Path:
    target = tmp_path / "locale" / "zh_CN" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "salescli.mo").write_bytes(b"\x00garbage, not a gettext catalog" * 4)
    return tmp_path / "locale"


def test_broken_catalog_falls_back_to_english_with_one_warning(cli, tmp_path: Path,  # noqa: ANN001
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", _broken_locale(tmp_path))
    monkeypatch.setattr(i18n, "_warned", set())
    run = cli("--lang", "zh_CN", "tasks")
    assert run.exit_code == 0
    assert "No open tasks." in run.stdout
    warnings = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1 and "zh_CN" in warnings[0] and "English" in warnings[0], run.stderr
    assert i18n.current_language() == "en"
    run = cli("--lang", "zh_CN", "tasks")
    assert run.exit_code == 0 and run.stderr == ""  # warned once per process


def test_broken_catalog_in_a_real_run_warns_once(tmp_path: Path) -> None:
    locale = _broken_locale(tmp_path)
    code = (
        "import sys, salescli.core.i18n as i; from pathlib import Path; "
        f"i.LOCALE_DIR = Path({str(locale)!r}); sys.argv = ['salescli', 'tasks']; "
        "from salescli.__main__ import main; main()"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "SALESCLI_LANG")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=env | {"LANG": "zh_CN.UTF-8"})
    assert proc.returncode == 0, proc.stderr
    assert "No open tasks." in proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_a_typer_that_moved_what_we_patch_is_warned_about_once() -> None:
    """Typer's own help words are patched (terminal/typer_i18n.py); if an upgrade moves what
    the patch needs, Chinese users are told once, as for a broken catalog, and nothing fails."""
    code = (
        "import sys, typer._click.formatting as f; del f.HelpFormatter.write_usage; "
        "sys.argv = ['salescli', '--lang', 'zh_CN', 'tasks']; "
        "from salescli.__main__ import main; main()"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "没有待办任务" in proc.stdout  # our own catalog still works
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Typer" in lines[0] and "English" in lines[0], proc.stderr


def test_a_bad_placeholder_in_the_catalog_never_crashes(monkeypatch: pytest.MonkeyPatch) -> None:
    class Bad(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return "逾期 {days} 天" if message == "Task #{id} is already done." else message

    monkeypatch.setattr(i18n, "_translation", Bad())
    monkeypatch.setattr(i18n, "_warned", set())
    monkeypatch.setattr(i18n, "_fits", {})
    assert i18n._("Task #{id} is already done.").format(id=3) == "Task #3 is already done."


# -- output ----------------------------------------------------------------------------

def _seed(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "上海华东精密机械制造有限公司", "--city", "上海", "--industry", "制造业", "--grade", "A",
           "--tag", "重点", "--phone", "13800138000")
    cli.ok("customer", "add", "Acme Trading International GmbH", "--city", "Hamburg", "--industry", "Logistics",
           "--grade", "B", "--tag", "export")
    cli.ok("customer", "add", "北京 Zen 科技 Software Solutions", "--city", "北京", "--grade", "C")
    cli.ok("contact", "add", "1", "王芳", "--title", "采购经理 Purchasing Manager", "--birthday", "1985-11-25")
    cli.ok("log", "1", "电话沟通报价 and pricing for the Q1 order", "--contact", "王芳", "--at", "2026-10-01",
           "--next", "2026-11-20", "--next-action", "发送 quotation 给王芳 before the meeting")
    cli.ok("log", "2", "Call about the annual contract renewal", "--at", "2026-09-01", "--next", "today")
    cli.ok("log", "3", "拜访客户", "--kind", "visit", "--at", "2026-06-01", "--next", "周五")


@pytest.mark.parametrize("command", [["agenda"], ["customer", "list"], ["tasks"], ["customer", "show", "1"],
                                     ["forgotten"], ["contact", "list"]])
def test_json_is_the_same_in_every_language(cli, command: list[str]) -> None:  # noqa: ANN001
    _seed(cli)
    english = cli.ok(*command, "--json").stdout
    chinese = cli.ok("--lang", "zh_CN", *command, "--json").stdout
    assert english == chinese
    for word in ("逾期 ", "天前", "今天到期", "重点客户", "拜访\"", "公海"):
        assert word not in chinese, word


def test_chinese_agenda_and_customer_list(cli) -> None:  # noqa: ANN001
    _seed(cli)
    agenda = cli.ok("--lang", "zh_CN", "agenda").stdout
    for text in ("alice 的日程，2026年11月23日", "逾期任务", "今日到期", "本周生日", "被遗忘的客户",
                 "客户", "事项", "逾期 3 天", "今天到期", "2 天后"):
        assert text in agenda, text
    tasks = cli.ok("--lang", "zh_CN", "tasks").stdout
    for text in ("到期日", "11月20日 周五", "逾期 3 天"):
        assert text in tasks, text
    listing = cli.ok("--lang", "zh_CN", "customer", "list").stdout
    for text in ("编号", "名称", "等级", "城市", "行业", "最近联系", "下次任务", "标签", "共 3 个客户", "天前"):
        assert text in listing, text
    english = cli.ok("agenda").stdout
    for text in ("Agenda for alice, Nov 23, 2026", "Overdue tasks", "3 days overdue", "in 2 days"):
        assert text in english, text
    assert "Fri Nov 20" in cli.ok("tasks").stdout
    assert "逾期" not in english and "到期日" not in english


def _table_blocks(text: str) -> list[list[str]]:
    blocks, current = [], []
    for line in text.splitlines():
        if any(ch in line for ch in "┃│╇━"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _separator_cells(line: str) -> list[int]:
    positions, col = [], 0
    for ch in line:
        if ch in "┃│╇":
            positions.append(col)
        col += cell_len(ch)
    return positions


@pytest.mark.parametrize("command", [["agenda"], ["customer", "list"], ["customer", "list", "--all"], ["tasks"],
                                     ["customer", "show", "1"], ["forgotten"], ["contact", "list"]])
def test_tables_stay_aligned_with_mixed_cjk_at_80_columns(cli, command: list[str]) -> None:  # noqa: ANN001
    _seed(cli)
    for lang in ("zh_CN", "en"):
        out = cli.ok("--lang", lang, *command, env={"COLUMNS": "80"}).stdout
        blocks = _table_blocks(out)
        assert blocks, out
        for block in blocks:
            widths = {cell_len(line.rstrip()) for line in block} | {cell_len(line) for line in block}
            assert max(widths) <= 80, "\n".join(block)
            separators = {tuple(_separator_cells(line)) for line in block if "━" not in line}
            assert len(separators) == 1, "columns misaligned:\n" + "\n".join(block)


# -- formatting ------------------------------------------------------------------------

def test_dates_money_and_relative_phrases() -> None:
    from salescli.present.formatting import (
        ago_phrase,
        days_phrase,
        due_phrase,
        format_day,
        format_money,
        format_short_day,
        until_phrase,
    )

    today = date(2026, 11, 23)
    now = datetime.fromisoformat("2026-11-23T09:00:00+08:00")
    assert format_day(today) == "Nov 23, 2026"
    assert format_money(Decimal("1200000"), "CNY") == "¥1,200,000.00"
    assert due_phrase(date(2026, 11, 20), today) == "3 days overdue"
    assert due_phrase(date(2026, 11, 22), today) == "1 day overdue"
    assert due_phrase(today, today) == "due today"
    assert due_phrase(date(2026, 11, 27), today) == "in 4 days"
    assert format_short_day(date(2026, 11, 27)) == "Fri Nov 27"
    assert ago_phrase(datetime.fromisoformat("2026-11-11T10:00:00+08:00"), now) == "12 days ago"
    i18n.set_language("zh_CN")
    assert format_day(today) == "2026年11月23日"
    assert format_money(Decimal("1200000"), "CNY") == "¥1,200,000.00"
    assert due_phrase(date(2026, 11, 20), today) == "逾期 3 天"
    assert due_phrase(today, today) == "今天到期"
    assert due_phrase(date(2026, 11, 24), today) == "明天到期"
    assert due_phrase(date(2026, 11, 27), today) == "4 天后"
    assert format_short_day(date(2026, 11, 27)) == "11月27日 周五"
    assert ago_phrase(datetime.fromisoformat("2026-11-11T10:00:00+08:00"), now) == "12 天前"
    assert ago_phrase(None, now) == "从未"
    assert days_phrase(5) == "5 天" and until_phrase(1) == "明天"


def test_enum_codes_display_translated_and_custom_values_as_typed() -> None:
    from salescli.present.labels import GRADES, KINDS, OWNERSHIP_KINDS, label

    i18n.set_language("zh_CN")
    assert label(GRADES, "A") == "A 重点客户"
    assert label(KINDS, "visit") == "拜访"
    assert label(OWNERSHIP_KINDS, "recycle") == "回收"
    assert label(KINDS, "wechat-voice") == "wechat-voice"  # not a known code: as typed
    i18n.set_language("en")
    assert label(GRADES, "A") == "A key"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("明天", date(2026, 11, 24)), ("下周一", date(2026, 11, 30)), ("周五", date(2026, 11, 27)),
     ("+3天", date(2026, 11, 26)), ("tomorrow", date(2026, 11, 24)), ("mon", date(2026, 11, 30)),
     ("+3d", date(2026, 11, 26))],
)
def test_date_words_in_both_languages(word: str, expected: date) -> None:
    from salescli.core.clock import parse_day

    assert parse_day(word) == expected


def test_cjk_wrapping_counts_cells() -> None:
    from salescli.terminal.typer_i18n import cell_len as cells
    from salescli.terminal.typer_i18n import wrap_cells

    text = "主要联系人姓名（--phone 和 --email 记在此人名下），以及更多的说明文字用于测试换行。"
    lines = wrap_cells(text, 30, "  ", "  ")
    assert all(cells(line) <= 32 for line in lines), lines  # closing punctuation may hang past the edge
    assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.strip()[0] in "，。）" for line in lines)
