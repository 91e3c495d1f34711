"""The 2025 baseline of the new units (1 July 2025), derived from the old units they absorbed.

The 2026 report compares with 2025, but 2025 was judged in the old communes and provinces, under
the 19 criteria of 2021–2025. The rule (docs/units.md, «Quy đổi số liệu 2025»):

- a new commune's predecessors are the old rural communes (xã) that went into it, by the 2025
  lineage; wards and townships that went into it are not (they were never judged as communes);
- it is **recognised in 2025** if every predecessor was recognised in 2025: a merged commune
  carries the title only if each part had earned it (one part below the standard is below it
  now: the merger judged no new dossier);
- its **criteria met in 2025** is the minimum over its predecessors: the number the weakest part
  met, the count a person can vouch for for the whole commune (the sets differ, so the count is
  on the 2021–2025 scale, never compared with the 2026–2030 set's);
- it has **no baseline** when any predecessor has no 2025 figures, or when it has no rural
  predecessor at all (a commune formed from wards): counted apart, never guessed;
- a new province's 2025 figures are the sums over its new communes with a baseline, next to the
  figures of the old communes it absorbed as they were judged (both are stated).

Pure: the caller reads the lineage and the 2025 evaluations; nothing here reads a database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BASELINE_YEAR = 2025
DERIVED_LABEL = "so với năm 2025 (quy đổi theo đơn vị mới)"


@dataclass(frozen=True)
class OldCommune:
    """An old rural commune as 2025 judged it (``recognised`` None: no 2025 figures)."""

    code: str
    name: str
    recognised: bool | None
    criteria_met: int | None


@dataclass(frozen=True)
class CommuneBaseline:
    """A new commune's derived 2025 baseline."""

    code: str
    name: str
    predecessors: tuple[OldCommune, ...]
    recognised: bool | None  # None: no baseline (see ``note``)
    criteria_met: int | None
    note: str = ""

    @property
    def known(self) -> bool:
        return self.recognised is not None


@dataclass(frozen=True)
class ProvinceBaseline:
    """A new province's 2025 figures, derived through the lineage."""

    year: int
    communes: int  # new communes judged now
    derived: int  # … of which with a baseline
    recognised: int  # … of which recognised in 2025 by the rule
    without_baseline: list[str]  # names of the new communes with no baseline
    old_communes: int  # old rural communes absorbed, with 2025 figures
    old_recognised: int  # … of which recognised in 2025 (as judged then)
    rows: list[CommuneBaseline]

    @property
    def share_recognised(self) -> float:
        return 100.0 * self.recognised / self.derived if self.derived else 0.0


def commune_baseline(code: str, name: str, predecessors: Sequence[OldCommune]) -> CommuneBaseline:
    """The rule above for one new commune."""
    parts = tuple(predecessors)
    if not parts:
        return CommuneBaseline(code, name, parts, None, None, "không có xã tiền thân")
    missing = [p.name for p in parts if p.recognised is None or p.criteria_met is None]
    if missing:
        note = "chưa có số liệu 2025 của " + ", ".join(missing)
        return CommuneBaseline(code, name, parts, None, None, note)
    recognised = all(bool(p.recognised) for p in parts)
    met = min(int(p.criteria_met) for p in parts if p.criteria_met is not None)
    return CommuneBaseline(code, name, parts, recognised, met)


def province_baseline(
    communes: Sequence[tuple[str, str]], predecessors: Mapping[str, Sequence[OldCommune]]
) -> ProvinceBaseline:
    """``communes``: (code, name) of the new communes judged now; ``predecessors``: new code →
    its old rural communes with their 2025 figures."""
    rows = [commune_baseline(c, n, predecessors.get(c, ())) for c, n in communes]
    known = [r for r in rows if r.known]
    absorbed = {p.code: p for r in rows for p in r.predecessors if p.recognised is not None}
    return ProvinceBaseline(
        year=BASELINE_YEAR,
        communes=len(rows),
        derived=len(known),
        recognised=sum(1 for r in known if r.recognised),
        without_baseline=[r.name for r in rows if not r.known],
        old_communes=len(absorbed),
        old_recognised=sum(1 for p in absorbed.values() if p.recognised),
        rows=rows,
    )
