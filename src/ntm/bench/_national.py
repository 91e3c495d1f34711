"""Facts of the national dataset shared by its loader and its readers (no Django here: the
benchmark runner reads the database with psycopg and leaves Django to the server)."""

from __future__ import annotations

PASSWORD = "ntm-bench-2026"
OLD_YEARS = tuple(range(2016, 2026))
NEW_YEAR = 2026
# Thanh Hóa (454 rural communes, the largest old province) comes first so that a smaller run
# (``--provinces N``) still holds the province the web benchmark opens.
LARGEST_OLD = "38"
RURAL = "xã"
