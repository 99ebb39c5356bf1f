"""Where a command's time goes: interpreter start, imports, parse, query, render, exit.

    .venv/bin/python benchmarks/phases.py agenda
    .venv/bin/python benchmarks/phases.py --db /tmp/bench/big.db --user wangfang --runs 15 customer show 42
    .venv/bin/python benchmarks/phases.py --db 'postgresql+psycopg://postgres@127.0.0.1:5432/test' tasks

Each run is a real process running `salescli.__main__.main()` (this file re-executes
itself as the probe), with light hooks that clock:

- **start**: from spawning the process to the probe's first line (the interpreter);
- **imports**: every `import` executed (outermost ones only, so nothing counts twice),
  whether before the command runs or inside it (services, SQLAlchemy, Rich);
- **parse**: Typer building the command tree, parsing and dispatching, imports excluded;
- **query**: opening the store and the transactions, imports excluded;
- **render**: the rest of the command body (formatting and writing the answer);
- **exit**: from the end of `main()` to the process being gone (flush, close, shutdown).

The runs are interleaved with `python -c "import typer"`, the floor of any Typer CLI, and
the table prints medians and each phase's share. Output goes to /dev/null, as in a
pipeline; `NO_COLOR` is set so rendering does not depend on the terminal.
"""

from __future__ import annotations

# The probe (this file run as a child) pays for its own imports in "start": only the
# light ones are here; the driver's are inside its functions.
import builtins
import os
import sys
import time
from typing import Any

NOW = "2026-11-23T09:00:00+08:00"
PHASES = ("start", "imports", "parse", "query", "render", "exit")


# --------------------------------------------------------------------------- the probe (child)


def _probe(report: str, argv: list[str]) -> None:
    began = time.time()
    clock = time.perf_counter
    spent = {"imports": 0.0, "query": 0.0}
    marks: dict[str, float] = {}
    depth = 0
    real_import = builtins.__import__

    def timed_import(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        nonlocal depth
        if depth:
            return real_import(*args, **kwargs)
        depth += 1
        t = clock()
        try:
            return real_import(*args, **kwargs)
        finally:
            spent["imports"] += clock() - t
            depth -= 1
            after_import()

    def imports_now() -> float:
        return spent["imports"]

    def hook_store(engine) -> None:  # noqa: ANN001 - salescli.store.engine
        """Clock the store's work: opening it and each transaction (imports excluded)."""
        from contextlib import contextmanager

        real_open, real_session = engine.open_store, engine.Store.session

        def open_store(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            t, i = clock(), imports_now()
            try:
                return real_open(*args, **kwargs)
            finally:
                spent["query"] += (clock() - t) - (imports_now() - i)

        @contextmanager
        def session(self, **kwargs):  # noqa: ANN001, ANN003, ANN202
            t, i = clock(), imports_now()
            with real_session(self, **kwargs) as conn:
                spent["query"] += (clock() - t) - (imports_now() - i)
                yield conn
                t, i = clock(), imports_now()
            spent["query"] += (clock() - t) - (imports_now() - i)

        engine.open_store = open_store
        engine.Store.session = session

    def after_import() -> None:
        """Hook the store as soon as the command imports it (never import it ourselves)."""
        engine = sys.modules.get("salescli.store.engine")
        if engine is not None and "store" not in marks:
            marks["store"] = 1.0
            hook_store(engine)

    builtins.__import__ = timed_import
    t0 = clock()

    def hook_dispatch() -> None:
        """Mark when the command's own function starts: parse ends there."""
        from typer._click.core import Context

        real_invoke = Context.invoke

        def invoke(self, callback, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            if getattr(callback, "__module__", "").startswith("salescli.commands.") and "body" not in marks:
                marks["body"] = clock()
                marks["body_imports"] = imports_now()
            return real_invoke(self, callback, *args, **kwargs)

        Context.invoke = invoke

    from salescli.terminal import ending

    def finish(code: int):  # noqa: ANN202
        end = clock()
        body = marks.get("body", end)
        imports = spent["imports"]
        imports_before_body = marks.get("body_imports", imports)
        imports_in_body = imports - imports_before_body
        result = {
            "began": began,
            "imports": imports,
            "parse": (body - t0) - imports_before_body,
            "query": spent["query"],
            "render": max((end - body) - imports_in_body - spent["query"], 0.0),
            "finished": time.time(),
            "code": code,
        }
        import json

        with open(report, "w") as out:
            out.write(json.dumps(result))
        real_finish(code)

    real_finish = ending.finish
    ending.finish = finish
    hook_dispatch()
    sys.argv = ["salescli", *argv]
    from salescli.__main__ import main

    main()


# --------------------------------------------------------------------------- the driver


def _run_probe(argv: list[str], env: dict[str, str], report: Any) -> dict[str, float]:
    import json
    import subprocess

    spawned = time.time()
    proc = subprocess.run([sys.executable, __file__, "--probe", str(report), "--", *argv], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    gone = time.time()
    if proc.returncode != 0:
        raise SystemExit(f"salescli {' '.join(argv)} exited {proc.returncode}: {proc.stderr.strip()}")
    data = json.loads(report.read_text())
    phases = {name: data[name] for name in ("imports", "parse", "query", "render")}
    phases["start"] = data["began"] - spawned
    phases["exit"] = gone - data["finished"]
    phases["total"] = gone - spawned
    return phases


def _wall(argv: list[str], env: dict[str, str]) -> float:
    import subprocess

    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _compile_package() -> None:
    """Write salescli's bytecode once, as installing a wheel does: an editable install under
    PYTHONDONTWRITEBYTECODE (as on CI machines) would otherwise compile every module on
    every run, a cost no installed copy pays."""
    import compileall

    import salescli

    compileall.compile_dir(os.path.dirname(salescli.__file__), quiet=1)


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--probe":
        _probe(sys.argv[2], sys.argv[4:])
        return 0
    import argparse
    import statistics
    from pathlib import Path

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/bench/big.db", help="SQLite path or PostgreSQL URL")
    parser.add_argument("--user", default="wangfang")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    _compile_package()
    command = [a for a in args.command if a != "--"] or ["agenda"]
    env = os.environ | {"SALESCLI_DB": args.db, "SALESCLI_USER": args.user, "SALESCLI_NOW": NOW,
                        "TZ": "Asia/Shanghai", "NO_COLOR": "1", "SALESCLI_LANG": "en"}
    report = Path(os.environ.get("TMPDIR", "/tmp")) / f"salescli-phases-{os.getpid()}.json"
    floor: list[float] = []
    runs: list[dict[str, float]] = []
    _run_probe(command, env, report)  # warm-up: page cache, .pyc files
    for _ in range(args.runs):
        floor.append(_wall([sys.executable, "-c", "import typer"], env))
        runs.append(_run_probe(command, env, report))
    report.unlink(missing_ok=True)
    typer_ms = statistics.median(floor) * 1000
    total_ms = statistics.median(r["total"] for r in runs) * 1000
    print(f"salescli {' '.join(command)}  ({args.runs} runs, medians; db {args.db})")
    print(f"{'phase':<10}{'ms':>8}{'share':>8}")
    for name in PHASES:
        ms = statistics.median(r[name] for r in runs) * 1000
        print(f"{name:<10}{ms:8.1f}{ms / total_ms:8.0%}")
    print(f"{'total':<10}{total_ms:8.1f}")
    print(f"python -c 'import typer': {typer_ms:.1f} ms; salescli / typer = {total_ms / typer_ms:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
