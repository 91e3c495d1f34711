"""The engine's private machinery: what a set needs per year, unit variants, scratch, counts.

Everything here serves ``ntm.domain.evaluation``. A set's structure (comparisons, criterion
rules, bit masks, every threshold rule stacked in one table) is derived once per set and kept
while the same set object is judged year after year; a year's threshold table is then a few
array operations. Caches hold a strong reference to what they were built from and are checked
by identity, so they cannot go stale (sets and units are frozen).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import Any

import numpy as np

from ntm.domain.criteria import ALL_VARIANTS, CriteriaSet
from ntm.domain.units import Unit

GE, LE, EQ = 0, 1, 2
COMPARE_CODES = {">=": GE, "<=": LE, "=": EQ}


@dataclass(frozen=True, eq=False)
class Plan:
    """What the engine needs of a set whatever the year, built once per set."""

    cset: CriteriaSet
    variants: list[str]
    compare: np.ndarray  # (n_indicators,) int8
    membership: np.ndarray  # (n_indicators, n_criteria) float32
    rule_at_least: np.ndarray  # (n_criteria,) int
    complete: np.ndarray  # (n_criteria,) bool
    rule_all: np.ndarray  # (n_criteria,) bool
    # Every threshold rule of every indicator, in file order: the last one covering a year wins.
    rule_owner: np.ndarray  # (n_rules,) intp: indicator of each rule
    rule_years: np.ndarray  # (n_rules, 2) int: first and last year
    rule_levels: np.ndarray  # (n_rules + 1, n_variants) float64; last row NaN (no rule)
    structure: Structure


def plan_for(cset: CriteriaSet) -> Plan:
    """The set's plan, from the cache when the same set object was planned last."""
    global _plan_cache
    cached = _plan_cache
    if cached is not None and cached.cset is cset:
        return cached
    indicators = cset.indicators
    variants = list(cset.variants.values) or ["*"]
    owners: list[int] = []
    years: list[tuple[int, int]] = []
    levels: list[list[float]] = []
    for i, ind in enumerate(indicators):
        for rule in ind.thresholds:
            owners.append(i)
            years.append(rule.years)
            # rule.value_for(v), inlined: a variant absent from the rule takes its '*' level.
            given = rule.values
            every = given.get(ALL_VARIANTS)
            row = [given.get(v, every) for v in variants]
            levels.append([np.nan if x is None else float(x) for x in row])
    levels.append([np.nan] * len(variants))
    membership = np.zeros((len(indicators), len(cset.criteria)), dtype=np.float32)
    col = 0
    for c, crit in enumerate(cset.criteria):
        membership[col : col + len(crit.indicators), c] = 1.0
        col += len(crit.indicators)
    sizes = [len(c.indicators) for c in cset.criteria]
    compare = np.array([COMPARE_CODES[i.compare] for i in indicators], dtype=np.int8)
    at_least = np.array(
        [
            (c.rule.n if c.rule.kind == "at_least" else size)
            for c, size in zip(cset.criteria, sizes, strict=True)
        ],
        dtype=int,
    )
    complete = np.array([c.indicators_complete for c in cset.criteria], dtype=bool)
    rule_all = np.array([c.rule.kind == "all" for c in cset.criteria], dtype=bool)
    plan = Plan(
        cset=cset,
        variants=variants,
        compare=compare,
        membership=membership,
        rule_at_least=at_least,
        complete=complete,
        rule_all=rule_all,
        rule_owner=np.array(owners, dtype=np.intp),
        rule_years=np.array(years, dtype=np.int64).reshape(-1, 2),
        rule_levels=np.array(levels, dtype=np.float64).reshape(-1, len(variants)),
        structure=structure(membership, compare, at_least, complete, rule_all),
    )
    # Layouts of every year share these arrays: nobody may change them under the others.
    for array in (compare, membership, at_least, complete, rule_all, plan.rule_levels):
        array.flags.writeable = False
    _plan_cache = plan
    return plan


_plan_cache: Plan | None = None


def threshold_table(plan: Plan, year: int) -> np.ndarray:
    """(n_indicators, n_variants + 1): each indicator's levels in ``year``; last column NaN.

    The same as ``Indicator.rule_for(year)`` then ``value_for(variant)``: the last rule covering
    the year wins, even when its level is unknown.
    """
    n_ind = len(plan.compare)
    covering = np.flatnonzero((plan.rule_years[:, 0] <= year) & (year <= plan.rule_years[:, 1]))
    chosen = np.full(n_ind, -1, dtype=np.intp)  # -1: the NaN row
    np.maximum.at(chosen, plan.rule_owner[covering], covering)
    table = np.full((n_ind, len(plan.variants) + 1), np.nan)
    table[:, :-1] = plan.rule_levels[chosen]
    return table


@dataclass(frozen=True, eq=False)
class Structure:
    """Derived from a layout's arrays; shared by the layouts of one set across years.

    Criterion rules become tests on each unit's indicator bits (met bits, failed bits) against
    the criterion's mask. Most criteria need every indicator: met when all its met bits are set,
    not met when any failed bit is. Only 'at least n' needs a count (popcount against a bar).
    """

    ge_only: bool
    not_ge: np.ndarray  # (n_indicators,) bool: True where '>=' is not the test
    not_le: np.ndarray  # (n_indicators,) bool: True where '<=' is not the test
    masks: np.ndarray  # (n_criteria, n_words) uint64: the criterion's indicator bits
    # Rows (criteria) whose test is not "all bits" / "any bit": fixed after the common test.
    met_count: list[tuple[int, int]]  # (criterion, bar): met when ≥ bar indicators met
    met_never: np.ndarray  # criteria never met from indicators
    fail_count: list[tuple[int, int]]  # (criterion, bar): not met when ≥ bar indicators failed
    fail_never: np.ndarray  # criteria never not met from indicators
    fail_always: np.ndarray  # criteria always not met (needing more indicators than they have)


def structure(
    membership: np.ndarray,
    compare: np.ndarray,
    rule_at_least: np.ndarray,
    complete: np.ndarray,
    rule_all: np.ndarray,
) -> Structure:
    """Bit masks and the test of each criterion.

    A criterion is met when n_met ≥ need and not met when n_met + n_unknown < bar_not, i.e. when
    at least size − bar_not + 1 indicators are known to fail. A criterion without indicators is
    neither. An incomplete one is never met from its indicators, and not met only under 'all'
    with a known failure: under 'at least n' the indicators missing from the file could make up
    the count.
    """
    n_ind, n_crit = membership.shape
    n_words = max((n_ind + 63) // 64, 1)
    bit = np.left_shift(np.uint64(1), np.arange(n_ind, dtype=np.uint64) % np.uint64(64))
    masks = np.zeros((n_crit, n_words), dtype=np.uint64)
    for w in range(n_words):
        part = slice(64 * w, 64 * (w + 1))
        chosen = np.where(membership[part].T > 0, bit[part][None, :], np.uint64(0))
        masks[:, w] = np.bitwise_or.reduce(chosen, axis=1)
    size = membership.sum(axis=0).astype(np.int64)
    need = rule_at_least.astype(np.int64)
    has = size > 0
    bar_not = np.where(has, np.where(complete, need, np.where(rule_all, size, 0)), 0)
    bar_failed = size - bar_not + 1
    met_able = has & complete & (need <= size)
    return Structure(
        ge_only=bool((compare == GE).all()),
        not_ge=compare == LE,
        not_le=compare == GE,
        masks=masks,
        met_count=[(int(c), int(need[c])) for c in np.flatnonzero(met_able & (need < size))],
        met_never=np.flatnonzero(~met_able),
        fail_count=[
            (int(c), int(bar_failed[c]))
            for c in np.flatnonzero((bar_failed > 1) & (bar_failed <= size))
        ],
        fail_never=np.flatnonzero(bar_failed > size),
        fail_always=np.flatnonzero(bar_failed <= 0),
    )


def unit_variants(
    cset: CriteriaSet, units: Sequence[Unit], variant_index: dict[str, int], n_columns: int
) -> np.ndarray:
    """Column of the threshold table for each unit; units with no variant get the NaN column.

    The last units list judged and its columns are remembered: spares the per-unit work when the
    same communes are judged year after year. A hit needs an equal list of frozen units (identity
    is checked first: a pointer scan), so it cannot go stale.
    """
    global _variant_cache
    dim, by_flag = cset.variants.by, cset.variants.by_flag
    if dim == "none" or not cset.variants.values:
        return np.zeros(len(units), dtype=np.intp)
    key = (dim, tuple(by_flag.items()), tuple(variant_index.items()), n_columns)
    cached = _variant_cache
    if cached is not None and cached[0] == key and cached[1] == units:
        return cached[2]
    missing = n_columns - 1
    if dim == "region":
        keys = [u.region for u in units]
    elif dim == "group":
        keys = [u.group for u in units]
    else:
        keys = [u.variant(dim, by_flag) for u in units]
    # Communes share a handful of regions or groups: each is looked up once, then every unit is
    # mapped to its column at C speed (itemgetter over the keys).
    column = {k: variant_index.get(k or "", missing) for k in set(keys)}
    if len(keys) > 1:
        cols = np.fromiter(itemgetter(*keys)(column), dtype=np.intp, count=len(keys))
    else:
        cols = np.array([column[k] for k in keys], dtype=np.intp)
    if by_flag:
        # A flag (e.g. extremely difficult) can send a unit to another variant's levels.
        for i in compress(range(len(units)), [u.flags for u in units]):
            cols[i] = variant_index.get(units[i].variant(dim, by_flag) or "", missing)
    cols.flags.writeable = False
    _variant_cache = (key, list(units), cols)
    return cols


_variant_cache: tuple[tuple[Any, ...], list[Unit], np.ndarray] | None = None


def clear_caches() -> None:
    """Forget the last set planned and the last units' variants (benchmarks start cold)."""
    global _plan_cache, _variant_cache
    _plan_cache = None
    _variant_cache = None


# Scratch arrays reused from one call to the next in the same thread: a national year's gathered
# thresholds and intermediate masks are megabytes, and fresh pages cost as much as the work.
_scratch = threading.local()


def scratch(name: str, shape: tuple[int, ...], dtype: Any) -> np.ndarray:
    """A per-thread buffer of this shape; its content is whatever the last call left."""
    store: dict[str, np.ndarray] = _scratch.__dict__.setdefault("arrays", {})
    buf = store.get(name)
    if buf is None or buf.shape != shape or buf.dtype != dtype:
        buf = store[name] = np.empty(shape, dtype=dtype)
    return buf


def scratch_state() -> dict[str, Any]:
    """Per-thread notes on what the scratch arrays currently hold."""
    state: dict[str, Any] = _scratch.__dict__.setdefault("state", {})
    return state


def tiled(name: str, row: np.ndarray, n_rows: int) -> np.ndarray:
    """``row`` repeated ``n_rows`` times, C-ordered (a full-size operand beats broadcasting)."""
    store: dict[str, tuple[np.ndarray, np.ndarray]] = _scratch.__dict__.setdefault("tiles", {})
    kept = store.get(name)
    if kept is not None and kept[1].shape[0] == n_rows and np.array_equal(kept[0], row):
        return kept[1]
    buf = np.empty((n_rows, row.size), dtype=row.dtype)
    buf[...] = row
    store[name] = (row.copy(), buf)
    return buf


def criterion_tests(s: Structure, planes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Criteria met and criteria not met, as (n_criteria, n_units) bool in per-thread scratch.

    ``planes`` is (2, n_units, n_indicators) bool: indicators met, indicators known to fail.
    Each unit's indicators become bits, and a criterion is a mask over them: a handful of passes
    over n_units words, whatever the shape of the criteria. Outputs and temporaries are scratch:
    fresh megabytes every year cost page faults worth more than the tests themselves.
    """
    n_crit, n_words = s.masks.shape
    n_units = planes.shape[1]
    met_bits, failed_bits = unit_bits(planes, n_words)
    words = scratch("criterion_words", (n_crit, n_units), np.uint64)
    crit_met = scratch("criteria_met", (n_crit, n_units), np.bool_)
    crit_not = scratch("criteria_not_met", (n_crit, n_units), np.bool_)
    other = scratch("criteria_word_test", (n_crit, n_units), np.bool_) if n_words > 1 else None
    for w in range(n_words):
        mask = s.masks[:, w, None]
        np.bitwise_and(mask, met_bits[None, :, w], out=words)
        if w == 0:
            np.equal(words, mask, out=crit_met)
        else:
            np.equal(words, mask, out=other)
            crit_met &= other
        np.bitwise_and(mask, failed_bits[None, :, w], out=words)
        if w == 0:
            np.not_equal(words, 0, out=crit_not)
        else:
            np.not_equal(words, 0, out=other)
            crit_not |= other
    for c, bar in s.met_count:
        crit_met[c] = _popcount(s.masks[c], met_bits) >= bar
    for c, bar in s.fail_count:
        crit_not[c] = _popcount(s.masks[c], failed_bits) >= bar
    crit_met[s.met_never] = False
    crit_not[s.fail_never] = False
    crit_not[s.fail_always] = True
    return crit_met, crit_not


def unit_bits(flags: np.ndarray, n_words: int) -> np.ndarray:
    """(..., n_units, n_indicators) bool → (..., n_units, n_words) uint64; bit j of word k is
    indicator 64·k + j. Bits past the last indicator hold the next unit's: masks ignore them.

    One packbits over the whole C-ordered array, then each unit's words are cut out of the bit
    stream with two aligned gathers and shifts — cheaper than padding every row to whole words.
    """
    *lead, n_ind = flags.shape
    rows = int(np.prod(lead, dtype=np.int64))
    packed = np.packbits(flags.reshape(-1), bitorder="little")
    n_bytes = packed.size
    stream = scratch("bit_stream", (((n_bytes + 7) // 8 + 2) * 8,), np.uint8)
    stream[:n_bytes] = packed
    words = stream.view(np.uint64)
    first, second, shift, back = _bit_positions(rows, n_ind, n_words)
    out = scratch("unit_bits", first.shape, np.uint64)
    high = scratch("unit_bits_high", first.shape, np.uint64)
    words.take(first, out=out, mode="clip")
    out >>= shift
    words.take(second, out=high, mode="clip")
    high <<= back  # a shift by 64 gives 0 in NumPy: nothing borrowed from the next word
    out |= high
    return out.reshape(*lead, n_words)


def _bit_positions(rows: int, n_ind: int, n_words: int) -> tuple[np.ndarray, ...]:
    """Word index, right shift and left shift of each (row, word) in the packed bit stream."""
    store: dict[tuple[int, int, int], tuple[np.ndarray, ...]] = _scratch.__dict__.setdefault(
        "bit_positions", {}
    )
    key = (rows, n_ind, n_words)
    found = store.get(key)
    if found is None:
        start = np.arange(rows, dtype=np.uint64)[:, None] * np.uint64(n_ind)
        start = start + np.uint64(64) * np.arange(n_words, dtype=np.uint64)[None, :]
        shift = start & np.uint64(63)
        first = (start >> np.uint64(6)).astype(np.intp)
        found = (first, first + 1, shift, np.uint64(64) - shift)
        store.clear()  # one shape at a time per thread: a national year is 21.200 rows
        store[key] = found
    return found


def _popcount(mask: np.ndarray, bits: np.ndarray) -> np.ndarray:
    """Bits of ``mask`` set in each unit's words: (n_words,) against (n_units, n_words)."""
    total: np.ndarray = np.bitwise_count(bits[:, 0] & mask[0])
    for w in range(1, bits.shape[1]):
        total = total + np.bitwise_count(bits[:, w] & mask[w])
    return total
