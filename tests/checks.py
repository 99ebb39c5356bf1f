"""How a refused command must look to the rep, checked the same way in every test file."""

from __future__ import annotations


def one_line_error(run, code: int, *needles: str) -> None:  # noqa: ANN001 - a conftest.Run
    """Exit `code`; stderr is exactly one `Error: ...` line holding every needle; no traceback."""
    assert run.exit_code == code, (run.exit_code, run.stdout, run.stderr)
    assert "Traceback" not in run.stdout + run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("Error: "), lines[0]
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def error_with_details(run, code: int, *fragments: str) -> None:  # noqa: ANN001 - a conftest.Run
    """Exit `code`, one `Error:` sentence first on stderr (detail lines may follow), nothing
    on stdout, no traceback; every fragment somewhere on stderr."""
    assert run.exit_code == code, (run.exit_code, run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert lines, "nothing on stderr"
    assert lines[0].startswith("Error: ") and len(lines[0]) > 20, run.stderr
    assert sum(line.startswith("Error") for line in lines) == 1, run.stderr
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    assert run.stdout == "", run.stdout
    for fragment in fragments:
        assert fragment in run.stderr, (fragment, run.stderr)
