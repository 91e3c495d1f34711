"""Plan targets and funds mobilised: the records the readers in ``ntm.io`` produce and the
report (``ntm.reports``) reads. They live here, below both, so the report never depends on how a
file is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MEASURES: dict[str, str] = {
    "communes_meeting_criterion": "Số xã đạt tiêu chí",
    "communes_recognised": "Số xã đạt chuẩn nông thôn mới",
    "communes_recognised_advanced": "Số xã đạt chuẩn nông thôn mới nâng cao",
    "communes_recognised_model": "Số xã đạt chuẩn nông thôn mới kiểu mẫu",
    "avg_criteria": "Số tiêu chí bình quân/xã",
    "max_communes_under": "Số xã dưới N tiêu chí (tối đa)",
}
NEEDS_CRITERION = {"communes_meeting_criterion", "max_communes_under"}
COUNT_MEASURES = {
    "communes_meeting_criterion",
    "communes_recognised",
    "communes_recognised_advanced",
    "communes_recognised_model",
}


@dataclass(frozen=True)
class Target:
    scope_code: str
    plan: str
    year: int
    measure: str
    criterion: int | None
    value: float
    row: int  # as a person sees it in the file (header is row 1)


# code → (name in a table, name inside a sentence as the reports write it)
SOURCES: dict[str, tuple[str, str]] = {
    "central_budget": ("Ngân sách Trung ương", "vốn ngân sách Trung ương"),
    "local_budget": ("Ngân sách địa phương (vốn đối ứng)", "vốn đối ứng từ ngân sách địa phương"),
    "carried_over": ("Vốn giai đoạn trước chuyển sang", "vốn giai đoạn trước chuyển qua"),
    "integrated_programs": (
        "Vốn lồng ghép từ các chương trình, dự án khác",
        "vốn lồng ghép từ các chương trình, dự án khác",
    ),
    "credit": ("Vốn tín dụng", "vốn tín dụng"),
    "enterprises": ("Vốn doanh nghiệp", "vốn doanh nghiệp"),
    "community": (
        "Vốn huy động từ người dân và cộng đồng",
        "vốn huy động từ người dân và cộng đồng",
    ),
}
STATE_BUDGET = "state_budget_direct"
STATE_BUDGET_PARTS = ("central_budget", "local_budget", "carried_over")
STATED = {
    "total": ("Tổng nguồn vốn", "tổng nguồn vốn"),
    STATE_BUDGET: ("Ngân sách Nhà nước hỗ trợ trực tiếp", "ngân sách Nhà nước hỗ trợ trực tiếp"),
}


@dataclass(frozen=True)
class FundingLine:
    scope_code: str
    period: tuple[int, int]
    source: str
    amount: float  # billion VND (tỷ đồng)
    decimals: int | None  # decimals as the file writes them (920.700 → 3); None for a number cell
    name: str
    name_in_sentence: str
    parent: str | None
    row: int


@dataclass
class FundingFile:
    file: str
    lines: list[FundingLine] = field(default_factory=list)  # sources, in file order
    stated: list[FundingLine] = field(default_factory=list)  # 'total' / 'state_budget_direct' rows
    notes: list[str] = field(default_factory=list)  # assumptions about ambiguous numbers
