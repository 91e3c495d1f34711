"""The unit-costs CSV shared by ``ntm plan-funding --costs`` and the web's import: amounts as
people write them, every bad row named by file, row and column, codes checked against a set."""

from __future__ import annotations

import pytest

from ntm.io.errors import ImportFailed
from ntm.io.unit_costs import unit_costs_parse

HEAD = "criterion,indicator,unit_cost_billion_vnd\n"


@pytest.mark.parametrize(
    ("body", "criterion", "indicator"),
    [
        ('1,,"1.250,5"\n', {1: 1250.5}, {}),
        ("2,,0.25\n,2.1,3\n", {2: 0.25}, {"2.1": 3.0}),
        (",10.1a,0\n", {}, {"10.1a": 0.0}),
    ],
)
def test_amounts_are_read_the_vietnamese_way_or_the_files(body, criterion, indicator):
    costs = unit_costs_parse(HEAD + body, "chi-phi.csv")
    assert (costs.criterion, costs.indicator) == (criterion, indicator)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("1,,-2\n", "tệp chi-phi.csv, dòng 2, cột unit_cost_billion_vnd: cần số tỷ đồng ≥ 0"),
        ("x,,2\n", "tệp chi-phi.csv, dòng 2, cột criterion: cần số tiêu chí (1–19)"),
        ("1,,2\n9,,1\n", "tệp chi-phi.csv, dòng 3, cột criterion: bộ tiêu chí không có tiêu chí 9"),
        (",4.4,1\n", "tệp chi-phi.csv, dòng 2, cột indicator: bộ tiêu chí không có chỉ tiêu số"),
        ("", "tệp chi-phi.csv: không có dòng chi phí nào"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_read(body, problem):
    with pytest.raises(ImportFailed) as raised:
        unit_costs_parse(HEAD + body, "chi-phi.csv", criteria={1, 2}, indicators={"2.1"})
    assert any(str(p).startswith(problem) for p in raised.value.problems), raised.value.problems
