"""`salescli lead import` against a plain `sqlite-utils insert` of the same file, and the
import's peak memory at 100k and 1M rows: the figures of issue 12 (docs/import.md).

    .venv/bin/python benchmarks/bench_import.py                  # 100k rows, 5 rounds, memory at 100k and 1M
    .venv/bin/python benchmarks/bench_import.py --rows 20000 --rounds 3 --no-million
    .venv/bin/python benchmarks/bench_import.py --keep /tmp/bench-import   # keep the files to look at

The lead file is generated from a seed (the same file every run): Chinese and English
companies and contacts, ~12 % of the rows duplicates of an earlier row as files really
repeat people (the same phone written another way, the e-mail in other case, the same
company and contact with extra spaces), ~10 % without phone or e-mail, ~2 % with a bad
e-mail, ~0.5 % rejects (no company and no contact, or a bare name).

Timed as whole processes, wall clock, in interleaved rounds after one untimed warm-up,
medians: `salescli lead import FILE --pool` into a freshly migrated SQLite store (a copy
of one migrated store, so migration is not timed) with dedupe, linking and reject
checks; `sqlite-utils insert DB leads FILE --csv` into a fresh database (a plain insert,
no dedupe). Target: salescli faster. Peak memory is the child's ru_maxrss (os.wait4), at
100k rows and at 1M rows; target: flat (the import streams).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
         "霞", "平", "刚", "桂英", "华", "建国", "晓东", "文", "婷", "海燕", "志强", "欣怡"]
FIRST = ["James", "Mary", "John", "Linda", "Robert", "Susan", "Michael", "Karen", "David", "Lisa", "Daniel", "Emma",
         "Peter", "Anna", "Mark", "Laura", "Paul", "Sarah", "Kevin", "Grace"]
LAST = ["Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Lewis", "Walker", "Hall",
        "Young", "King", "Wright", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell"]
CN_PLACES = ["上海", "北京", "深圳", "杭州", "苏州", "南京", "成都", "武汉", "广州", "天津", "重庆", "西安"]
CN_WORDS = ["宏达", "华信", "恒通", "金源", "瑞丰", "新世纪", "东方", "博远", "鼎盛", "天成", "中科", "联创", "永安",
            "汇丰", "智航", "盛世", "凯旋", "远景", "蓝海", "星辰"]
CN_TRADES = ["科技", "机械", "电子", "贸易", "物流", "化工", "医疗器械", "软件", "建材", "食品", "纺织", "新能源"]
CN_FORMS = ["有限公司", "股份有限公司", "有限责任公司", "集团", ""]
EN_WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell",
            "Cyberdyne", "Wonka", "Gringotts", "Oscorp", "Aperture", "Massive", "Dynamic", "Pioneer"]
EN_TRADES = ["Systems", "Industries", "Logistics", "Labs", "Trading", "Foods", "Robotics", "Energy", "Software"]
EN_FORMS = ["Inc.", "Co., Ltd.", "LLC", "GmbH", "Ltd", ""]
SOURCES = ["2026上海工博会", "web form", "LinkedIn", "转介绍", "CIIE 2026", ""]
HEADER = ["公司名称", "联系人", "职务", "手机", "邮箱", "城市", "来源", "备注", "展位号"]


def _phone(i: int, rng: random.Random) -> str:
    """A mobile unique to base row `i` (7919 is prime to 10**8: no two rows share one)."""
    return f"1{rng.choice('3578')}{rng.randrange(10)}{(i * 7919) % 10**8:08d}"


def _spelled_otherwise(phone: str, rng: random.Random) -> str:
    """The same number as another exporter writes it."""
    return rng.choice([f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}", f"{phone[:3]}-{phone[3:7]}-{phone[7:]}",
                       f"0086{phone}", f"({phone[:3]}) {phone[3:]}"])


def _base(i: int, rng: random.Random) -> list[str]:
    chinese = rng.random() < 0.7
    if chinese:
        company = rng.choice(CN_PLACES) + rng.choice(CN_WORDS) + rng.choice(CN_TRADES) + f"{i % 9973}" + rng.choice(
            CN_FORMS)
        contact = rng.choice(SURNAMES) + rng.choice(GIVEN)
        mail_name = f"user{i}"
    else:
        company = f"{rng.choice(EN_WORDS)} {rng.choice(EN_TRADES)} {i % 9973} {rng.choice(EN_FORMS)}".strip()
        first, last = rng.choice(FIRST), rng.choice(LAST)
        contact = f"{first} {last}"
        mail_name = f"{first}.{last}{i}".lower()
    phone = _phone(i, rng)
    email = f"{mail_name}@{rng.choice(['qq.com', '163.com', 'example.com', 'corp.cn', 'mail.com'])}"
    kind = rng.random()
    if kind < 0.05:
        phone = ""
    elif kind < 0.10:
        email = ""
    elif kind < 0.12:
        email = email.replace("@", " at ")  # a bad e-mail: kept, flagged
    title = rng.choice(["经理", "总监", "采购", "Manager", "CEO", "", ""])
    note = rng.choice(["", "", "对产品A感兴趣", "asked for a quote, call back in May", "需要报价,下周回访"])
    return [company, contact, title, phone, email, rng.choice(CN_PLACES), rng.choice(SOURCES), note,
            f"{rng.choice('ABCDEFGH')}{rng.randint(1, 300)}"]


def _duplicate(row: list[str], rng: random.Random) -> list[str]:
    """An earlier row again, as another export of the same person writes it."""
    copy = list(row)
    way = rng.random()
    if way < 0.4 and copy[3]:
        copy[3] = _spelled_otherwise(copy[3], rng)
    elif way < 0.7 and copy[4]:
        copy[4] = copy[4].upper()
    else:
        copy[0] = f"  {copy[0]} "
        copy[1] = copy[1].replace(" ", "  ") if " " in copy[1] else f" {copy[1]} "
        copy[3] = copy[4] = ""
    copy[8] = ""
    return copy


def generate(path: Path, rows: int, seed: int = 12) -> None:
    """The lead file: streamed out, with only a window of recent rows kept for duplicates."""
    rng = random.Random(seed)
    recent: list[list[str]] = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            roll = rng.random()
            if roll < 0.12 and recent:
                row = _duplicate(rng.choice(recent), rng)
            elif roll < 0.1225:
                row = ["", "", "", "", "", rng.choice(CN_PLACES), "", "no name at all", ""]
            elif roll < 0.125:
                row = ["", rng.choice(SURNAMES) + rng.choice(GIVEN), "", "", "", "", "", "", ""]
            else:
                row = _base(i, rng)
                recent.append(row)
                if len(recent) > 5000:
                    recent.pop(rng.randrange(len(recent)))
            writer.writerow(row)


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(seconds, peak resident memory in KiB) of one child process; a failure stops the run."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}: {err.strip()}")
    return elapsed, usage.ru_maxrss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--million", type=int, default=1_000_000, help="rows of the memory run at scale")
    parser.add_argument("--no-million", action="store_true", help="skip the 1M-row memory run")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"SALESCLI_CONFIG": str(work / "config.toml"), "SALESCLI_USER": "bench",
                        "SALESCLI_NOW": "2026-11-23T09:00:00+08:00", "PYTHONPATH": str(ROOT / "src")}
    salescli = [sys.executable, "-m", "salescli"]
    sqlite_utils = str(VENV_BIN / "sqlite-utils")
    try:
        leads = work / f"leads-{args.rows}.csv"
        if not leads.exists():
            generate(leads, args.rows)
        template = work / "template.db"
        if not template.exists():
            subprocess.run([*salescli, "db", "init"], env=env | {"SALESCLI_DB": str(template)}, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def ours() -> tuple[float, int]:
            db = work / "salescli.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(template, db)
            return run_child([*salescli, "lead", "import", str(leads), "--pool"], env | {"SALESCLI_DB": str(db)})

        def theirs() -> tuple[float, int]:
            db = work / "plain.db"
            db.unlink(missing_ok=True)
            return run_child([sqlite_utils, "insert", str(db), "leads", str(leads), "--csv"], env)

        ours(), theirs()  # warm-up: the file in the page cache, the code compiled
        times: dict[str, list[float]] = {"salescli lead import --pool": [], "sqlite-utils insert --csv": []}
        peak_100k = 0
        for round_no in range(args.rounds):
            order = [("salescli lead import --pool", ours), ("sqlite-utils insert --csv", theirs)]
            for name, fn in order if round_no % 2 == 0 else order[::-1]:
                seconds, peak = fn()
                times[name].append(seconds)
                if name.startswith("salescli"):
                    peak_100k = max(peak_100k, peak)

        size = leads.stat().st_size / 2**20
        print(f"{args.rows:,} rows ({size:.1f} MiB), {args.rounds} rounds, medians:")
        for name, values in times.items():
            print(f"  {name:<30} {statistics.median(values):6.2f} s   (min {min(values):.2f}, max {max(values):.2f})")
        ratio = statistics.median(times["salescli lead import --pool"]) / statistics.median(
            times["sqlite-utils insert --csv"])
        print(f"  salescli / sqlite-utils: {ratio:.2f} ({'faster' if ratio < 1 else 'SLOWER'})")
        print(f"peak memory of lead import at {args.rows:,} rows: {peak_100k / 1024:.0f} MiB")

        if not args.no_million:
            big = work / f"leads-{args.million}.csv"
            if not big.exists():
                generate(big, args.million)
            db = work / "salescli-big.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(template, db)
            seconds, peak = run_child([*salescli, "lead", "import", str(big), "--pool"], env | {"SALESCLI_DB": str(db)})
            big_size = big.stat().st_size / 2**20
            print(f"peak memory of lead import at {args.million:,} rows ({big_size:.0f} MiB): {peak / 1024:.0f} MiB"
                  f" (took {seconds:.1f} s)")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
