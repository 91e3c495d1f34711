"""What ``ntm serve`` says at start-up about how the database is kept, before anyone waits on it.

PostgreSQL plans every page's query from the tables' statistics, which autovacuum keeps. With
autovacuum off and no ``ANALYZE`` after a large import, the planner guesses: on the national
dataset that made PostgreSQL's CPU per request 40 ms instead of 5 ms (docs/performance.md).
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper


def statistics_warning(connection: BaseDatabaseWrapper) -> str | None:
    """A Vietnamese warning when PostgreSQL's autovacuum is off; None when all is well."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        (setting,) = cursor.fetchone()
    if setting == "on":
        return None
    return (
        "Cảnh báo: PostgreSQL đang tắt autovacuum, thống kê của các bảng không được cập nhật "
        "(truy vấn sẽ chậm sau mỗi lần nhập lớn): bật autovacuum, hoặc chạy ANALYZE sau khi nhập."
    )


def statistics_refresh(connection: BaseDatabaseWrapper) -> None:
    """``ANALYZE`` every table (PostgreSQL): seconds on the national dataset. Not for a database
    about to be filled: statistics of near-empty tables make the planner choose nested loops
    that crawl once the rows arrive (seen in the test suite, where one test analysed its
    worker's database and the next tests took minutes)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
