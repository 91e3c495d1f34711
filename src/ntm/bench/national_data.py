"""The seeded national dataset every national benchmark reads, loaded through the import service.

``python -m ntm.bench.national_data --database-url postgres://postgres@127.0.0.1:5432/ntm_national``

- units: both regimes and the 2025 lineage, with ``registry_load`` (``ntm units load``);
- two synthetic sets, ``bench-xa-2016-2025`` (19 criteria, 57 indicators, by region) and
  ``bench-xa-2026-2030`` (10 criteria, 47 indicators, by commune group): the shipped sets lack
  indicators and levels, so the benchmark invents complete ones; they are never shipped;
- one period per province and year: every old province 2016–2025, every new one 2026;
- indicator values for every rural commune (xã) of every period, written by
  ``assessments_import`` (the web's import commit) as the province's office, timed (values/s);
- logins (password ``ntm-bench-2026``): ``bench-trunguong-1..3`` (central office),
  ``bench-tinh-<regime>-<code>`` (each province's office), ``bench-xa-<regime>-<commune code>``
  (two commune officers per province).

Idempotent: a run with the same seed and size finds the marker table ``ntm_bench_dataset`` and
stops; ``--reset`` drops and recreates the database first; ``--provinces N`` loads N old and N
new provinces (Thanh Hóa first) for a quicker run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import psycopg

from ntm import formatting as fmt

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ntm_national"
DEFAULT_SEED = 2016
MARKER = "ntm_bench_dataset"


@dataclass(frozen=True)
class LoadReport:
    seed: int
    provinces: int  # 0 = every province
    periods: int
    assessments: int
    values: int
    import_seconds: float  # inside assessments_import only
    total_seconds: float
    skipped: bool = False

    @property
    def values_per_second(self) -> float:
        return self.values / self.import_seconds if self.import_seconds else 0.0


def _split(url: str) -> tuple[str, str]:
    """(URL of the server's maintenance database, database name)."""
    base, _, name = url.rstrip("/").rpartition("/")
    return f"{base}/postgres", name.split("?", 1)[0]


def database_prepare(url: str, *, reset: bool) -> None:
    """Create the database when missing; drop it first with ``reset``."""
    admin, name = _split(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        if reset:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(url: str) -> None:
    admin, name = _split(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def marker_read(url: str) -> LoadReport | None:
    """What an earlier complete load left (None: no complete load)."""
    with psycopg.connect(url) as conn:
        found = conn.execute("SELECT to_regclass(%s)", (MARKER,)).fetchone()
        if not found or found[0] is None:
            return None
        row: tuple[Any, ...] | None = conn.execute(
            f"SELECT seed, provinces, periods, assessments, n_values, import_seconds, "
            f"total_seconds FROM {MARKER} LIMIT 1"
        ).fetchone()
    if row is None:
        return None
    seed, provinces, periods, assessments, n_values, import_s, total_s = row
    return LoadReport(seed, provinces, periods, assessments, n_values, import_s, total_s, True)


def _marker_write(report: LoadReport) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            f"CREATE TABLE {MARKER} (seed int, provinces int, periods int, assessments int, "
            "n_values bigint, import_seconds double precision, total_seconds double precision, "
            "loaded_at timestamptz DEFAULT now())"
        )
        cur.execute(
            f"INSERT INTO {MARKER} VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                report.seed,
                report.provinces,
                report.periods,
                report.assessments,
                report.values,
                report.import_seconds,
                report.total_seconds,
            ],
        )


def django_setup(url: str) -> None:
    """Django on ``url`` (settings read the environment once, so call before any model import)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.web.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 50)
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()


def _period_values(cset: Any, n_units: int, seed: int, period: Any) -> np.ndarray:
    """One province-year's values, seeded by the seed, the province and the year."""
    from ntm.bench.dataset import synthetic_values

    key = seed * 100_000 + int(period.province_code) * 10_000 + period.year
    return synthetic_values(cset, n_units, (period.year,), seed=key)[period.year]


def _period_import(period: Any, seed: int, say: Any) -> tuple[int, int, float]:
    """Import one period's values as its province's office: (communes, values, seconds)."""
    from django.contrib.auth.models import User

    from ntm.domain.evaluation import empty_statuses
    from ntm.io.bundle import Inputs
    from ntm.web.accounts.scope import scope_for
    from ntm.web.assessments.selectors import cset_of
    from ntm.web.assessments.transfer import assessments_import
    from ntm.web.units.models import Unit

    cset = cset_of(period.criteria_set)
    units = list(
        Unit.objects.filter(
            regime=period.regime, province_code=period.province_code, level="commune", kind="xã"
        ).order_by("code")
    )
    values = _period_values(cset, len(units), seed, period)
    inputs = Inputs(
        cset=cset,
        units=[u.to_domain() for u in units],
        year=period.year,
        values=values,
        statuses=empty_statuses(len(units), cset),
    )
    user = User.objects.get(username=f"bench-tinh-{period.regime}-{period.province_code}")
    t0 = time.perf_counter()
    assessments_import(
        user=user,
        scope=scope_for(user),
        period=period,
        inputs=inputs,
        filename=f"bench-{period.province_code}-{period.year}.csv",
        dry_run=False,
    )
    return len(units), int(np.count_nonzero(~np.isnan(values))), time.perf_counter() - t0


def load(url: str, *, seed: int, provinces: int | None, say: Any = print) -> LoadReport:
    """Load the dataset into an empty, migrated database at ``url``."""
    from django.core.management import call_command

    from ntm.bench._national_setup import setup_create
    from ntm.web.assessments.models import Period

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    setup = setup_create(seed, provinces)
    ordered = Period.objects.select_related("criteria_set")
    periods = list(ordered.order_by("regime", "year", "province_code"))
    say(
        f"Đơn vị, bộ tiêu chí, {fmt.number(len(periods))} kỳ và "
        f"{fmt.number(sum(len(v) for v in setup.logins.values()))} tài khoản: "
        f"{fmt.number(time.perf_counter() - started, 1)} giây"
    )
    communes = n_values = 0
    seconds = 0.0
    for i, period in enumerate(periods, 1):
        c, v, s = _period_import(period, seed, say)
        communes, n_values, seconds = communes + c, n_values + v, seconds + s
        if i % 50 == 0 or i == len(periods):
            say(
                f"  {i}/{len(periods)} kỳ, {fmt.number(n_values)} giá trị, "
                f"{fmt.number(n_values / seconds if seconds else 0, 0)} giá trị/giây"
            )
    report = LoadReport(
        seed=seed,
        provinces=provinces or 0,
        periods=len(periods),
        assessments=communes,
        values=n_values,
        import_seconds=seconds,
        total_seconds=time.perf_counter() - started,
    )
    _marker_write(report)
    return report


def ensure(
    url: str,
    *,
    seed: int = DEFAULT_SEED,
    provinces: int | None = None,
    reset: bool = False,
    say: Any = print,
) -> LoadReport:
    """The dataset at ``url``: loaded now, or found from an earlier run with the same size."""
    database_prepare(url, reset=reset)
    found = marker_read(url)
    wanted = provinces or 0
    if found is not None and (found.seed, found.provinces) == (seed, wanted):
        django_setup(url)
        _logins_ensure()
        _statistics_refresh()
        return found
    if found is not None or _has_tables(url):
        raise SystemExit(
            f"Cơ sở dữ liệu {_split(url)[1]} đã có dữ liệu khác (hoặc lần nạp trước chưa xong): "
            "chạy lại với --reset để xóa và nạp lại."
        )
    django_setup(url)
    report = load(url, seed=seed, provinces=provinces, say=say)
    _logins_ensure()
    _statistics_refresh()
    return report


def _statistics_refresh() -> None:
    """The tables' statistics after the load, as autovacuum would keep them on a maintained
    server (it may be off, as on the machines these benchmarks ran on: `ntm serve` warns)."""
    from django.db import connection

    from ntm.web.db_health import statistics_refresh

    statistics_refresh(connection)


def _logins_ensure() -> None:
    from ntm.bench._national_setup import logins_ensure

    logins_ensure()


def _has_tables(url: str) -> bool:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT to_regclass('assessments_period')").fetchone()
    return bool(row and row[0] is not None)


def report_lines(r: LoadReport) -> list[str]:
    size = "mọi tỉnh" if not r.provinces else f"{r.provinces} tỉnh cũ và {r.provinces} tỉnh mới"
    head = "Dữ liệu đã có từ lần nạp trước" if r.skipped else "Đã nạp dữ liệu"
    return [
        f"{head} (hạt giống {r.seed}, {size}): {fmt.number(r.periods)} kỳ, "
        f"{fmt.number(r.assessments)} lượt đánh giá xã, {fmt.number(r.values)} giá trị chỉ tiêu",
        f"Nhập qua dịch vụ nhập (assessments_import): {fmt.number(r.import_seconds, 1)} giây, "
        f"{fmt.number(r.values_per_second, 0)} giá trị/giây; cả lần nạp "
        f"{fmt.number(r.total_seconds, 1)} giây",
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m ntm.bench.national_data",
        description="Nạp bộ dữ liệu toàn quốc tổng hợp để đo hiệu năng.",
    )
    p.add_argument("--database-url", default=DEFAULT_URL, help=f"mặc định {DEFAULT_URL}")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="hạt giống (mặc định 2016)")
    p.add_argument(
        "--provinces",
        type=int,
        metavar="N",
        help="chỉ nạp N tỉnh cũ và N tỉnh mới (Thanh Hóa trước), để chạy nhanh",
    )
    p.add_argument("--reset", action="store_true", help="xóa cơ sở dữ liệu rồi nạp lại")
    p.add_argument("--json", type=Path, metavar="FILE", help="ghi số liệu của lần nạp ra tệp JSON")
    args = p.parse_args(argv)
    if args.provinces is not None and args.provinces < 1:
        p.error("--provinces phải là số nguyên dương")
    try:
        report = ensure(
            args.database_url, seed=args.seed, provinces=args.provinces, reset=args.reset
        )
    except psycopg.OperationalError as exc:
        print(f"Không kết nối được PostgreSQL ({args.database_url}): {exc}", file=sys.stderr)
        return 2
    for line in report_lines(report):
        print(line)
    if args.json:
        figures = asdict(report) | {"values_per_second": report.values_per_second}
        args.json.write_text(json.dumps(figures), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
