"""Reading old narrative reports into figures, and checking their arithmetic (issue #15.1).

``read_report_text(text)`` is pure: text in, a ``ReportReading`` out, no file and no Django.
``ntm.reports.reading.source`` turns a .txt, .docx or .pdf file into that text.
"""

from __future__ import annotations

from dataclasses import replace

from ntm.reports.reading import communes, money
from ntm.reports.reading.checks import all_checks
from ntm.reports.reading.model import ReportReading
from ntm.reports.reading.vn import normalise, sentences


def read_report_text(text: str) -> ReportReading:
    said = communes.classify([(s, normalise(s)) for s in sentences(text)])
    recognised, recognised_change, recognised_all = communes.recognised(said)
    average, average_change, average_all = communes.averages(said)
    fractions = communes.fractions(said)
    funding_total, sources = money.funds(said)
    by_stars, at_least = money.ocop(said)
    reading = ReportReading(
        communes_total=communes.communes_total(said, fractions),
        recognised=recognised,
        recognised_change=recognised_change,
        bands=communes.bands(said),
        avg_criteria=average,
        avg_change=average_change,
        averages=average_all,
        recognised_by_year=recognised_all,
        criteria=communes.criteria(said),
        funding_total=funding_total,
        funding_sources=sources,
        ocop_by_stars=tuple(sorted(by_stars.items())),
        ocop_at_least=tuple(sorted(at_least.items())),
        targets=money.targets(said),
        percentages=money.percentages(said),
        fractions=fractions,
    )
    return replace(reading, checks=all_checks(reading))


__all__ = ["ReportReading", "read_report_text"]
