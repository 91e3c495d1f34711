"""Charts embedded in the report (matplotlib, Agg backend, DejaVu Sans for Vietnamese glyphs)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ntm.reports.figures import ReportFigures


@cache
def _pyplot() -> Any:
    """matplotlib, imported when a chart is first drawn (≈ 1 s): the web's URL conf and the
    CLI import this module without drawing anything."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "ntm"})
    return plt


DPI = 130
BLUE, GREY, RED = "#1f5fa8", "#9aa5b1", "#c0392b"
# The charts' keys in a DOCX template's context, and their file names beside the report.
CHARTS = {"chart_criteria": "bieu-do-tieu-chi.png", "chart_bands": "bieu-do-nhom-tieu-chi.png"}


def charts_draw(fig: ReportFigures, directory: Path) -> dict[str, Path]:
    """Both charts drawn into ``directory``: template key → file."""
    return {
        "chart_criteria": criteria_chart(fig, directory / CHARTS["chart_criteria"]),
        "chart_bands": bands_chart(fig, directory / CHARTS["chart_bands"]),
    }


def matplotlib_import() -> None:
    """matplotlib imported now (in a chart worker, before any chart is asked for)."""
    _pyplot()


def criteria_chart(fig: ReportFigures, path: Path) -> Path:
    """Communes meeting each criterion (bars) against the target (markers)."""
    keys = list(fig.criteria)
    met = [fig.criteria[k].met for k in keys]
    targets = [t.value if (t := fig.criteria[k].target) else None for k in keys]
    plt = _pyplot()
    f, ax = plt.subplots(figsize=(6.5, 3.0))
    x = range(len(keys))
    ax.bar(x, met, color=BLUE, width=0.65, label=f"Số xã đạt (năm {fig.year})")
    tx = [i for i, t in zip(x, targets, strict=True) if t is not None]
    ty = [t for t in targets if t is not None]
    if tx:
        ax.scatter(tx, ty, marker="_", s=220, linewidths=2.2, color=RED, label="Mục tiêu", zorder=3)
    ax.axhline(fig.communes_total, color=GREY, linewidth=0.8, linestyle="--")
    ax.set_xticks(list(x), [f"TC{k}" for k in keys], rotation=90 if len(keys) > 12 else 0)
    ax.set_ylabel("Số xã")
    ax.set_ylim(0, max([fig.communes_total, *met, *ty, 1]) * 1.12)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower left", fontsize=8, frameon=False, ncols=2, bbox_to_anchor=(0, 1.0))
    f.tight_layout()
    f.savefig(path, dpi=DPI)
    plt.close(f)
    return path


def bands_chart(fig: ReportFigures, path: Path) -> Path:
    """Communes per band of criteria met, this year and the baseline year side by side."""
    labels = list(fig.bands)
    now = [fig.bands[k] for k in labels]
    base = fig.baseline.bands if fig.baseline else None
    plt = _pyplot()
    f, ax = plt.subplots(figsize=(6.5, 2.6))
    width = 0.38 if base else 0.6
    xs = list(range(len(labels)))
    if base:
        then = [base.get(k, 0) for k in labels]
        bars = ax.bar(
            [x - width / 2 for x in xs],
            then,
            width,
            color=GREY,
            label=f"Năm {fig.baseline_year}",
        )
        ax.bar_label(bars, fontsize=8)
        xs_now: list[float] = [x + width / 2 for x in xs]
    else:
        xs_now = [float(x) for x in xs]
    bars = ax.bar(xs_now, now, width, color=BLUE, label=f"Năm {fig.year}")
    ax.bar_label(bars, fontsize=8)
    ax.set_xticks(xs, [_band_label(k) for k in labels])
    ax.set_xlabel("Số tiêu chí đạt")
    ax.set_ylabel("Số xã")
    ax.set_ylim(0, max([*now, *(base or {}).values(), 1]) * 1.2)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False)
    f.tight_layout()
    f.savefig(path, dpi=DPI)
    plt.close(f)
    return path


def _band_label(label: str) -> str:
    """'15-18' → '15–18 tiêu chí'; '<5' → 'Dưới 5 tiêu chí'; '19' → '19 tiêu chí'."""
    if label.startswith("<"):
        return f"Dưới {label[1:]}"
    return label.replace("-", "–")
