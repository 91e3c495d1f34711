"""The report an office sends: who issues it, its number, place and date, title, signer and
recipients, and the office's own narrative sections (issue #12.4).

The web keeps these per report (``ntm.web.plans``); the CLI reads them from a small TOML or YAML
file (``ntm report --settings FILE``, docs/report-template.md). Both give a ``ReportSettings``,
which gives the ``Issuer`` of ``ntm.reports.document`` and the sections ``ntm.reports.narrative``
places in the four files.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ntm.reports.document import PARTY, DocumentContext, Issuer, document_context, place_name
from ntm.reports.figures import ReportFigures

# issuer code → (name people choose, the issuer's name pattern, parent, blank number,
# signer's authority, signer's title). "{place}" is the province's name without "Tỉnh".
# A table, one issuer a line (fmt: skip keeps its columns).
ISSUERS: dict[str, tuple[str, str, str, str, str, str]] = {
    "tinh_uy": ("Tỉnh ủy", "Tỉnh ủy {place}", "", "    -BC/TU", "T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    "ubnd_tinh": ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh {place}", "", "     /BC-UBND",
                  "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    "van_phong_dieu_phoi": ("Văn phòng Điều phối nông thôn mới tỉnh",
                            "Văn phòng Điều phối nông thôn mới tỉnh {place}",
                            "Ủy ban nhân dân tỉnh {place}", "     /BC-VPĐP", "", "CHÁNH VĂN PHÒNG"),
    "ban_chi_dao": ("Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh",
                    "Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh {place}",
                    "Ủy ban nhân dân tỉnh {place}", "     /BC-BCĐ", "TM. BAN CHỈ ĐẠO",
                    "TRƯỞNG BAN"),
}  # fmt: skip
# Narrative section key → its heading; where each goes is ntm.reports.narrative's business.
SECTIONS: dict[str, str] = {
    "trien_khai": "I. Công tác triển khai",
    "nguyen_nhan": "III. Nguyên nhân của hạn chế",
    "nhiem_vu": "IV. Nhiệm vụ, giải pháp thời gian tới",
}
DRAFT, FINAL = "draft", "final"
KEYS = (
    "issuer",
    "number",
    "place",
    "date",
    "title",
    "signer_title",
    "signer",
    "recipients",
    "sections",
)


@dataclass(frozen=True)
class ReportSettings:
    issuer: str = "tinh_uy"
    number: str = ""
    place: str = ""
    date: dt.date | None = None
    title: str = ""
    signer_title: str = ""
    signer: str = ""
    recipients: tuple[str, ...] = ()
    sections: dict[str, str] = field(default_factory=dict)  # key of SECTIONS → text with fields

    def issuer_for(self, province_name: str) -> Issuer:
        """The document's issuer; what is left empty takes the issuer's usual form."""
        _label, pattern, parent, suffix, authority, title = ISSUERS[self.issuer]
        place = place_name(province_name)
        return Issuer(
            kind=PARTY if self.issuer == "tinh_uy" else "government",
            name=pattern.format(place=place),
            parent=parent.format(place=place).upper() or None,
            number=self.number or suffix,
            place=self.place or None,
            date=self.date,
            signer_authority=authority or None,
            signer_title=self.signer_title or title,
            signer=self.signer or None,
            title=self.title or None,
            recipients=list(self.recipients),
        )


def office_context(fig: ReportFigures, issuer: Issuer, office: ReportSettings) -> DocumentContext:
    """The document's words for the office's issuer. An issuer signing in its own name (the
    coordination office's chief) has no "TM." line, which ``Issuer`` would otherwise default."""
    context = document_context(fig, issuer)
    if ISSUERS[office.issuer][4]:
        return context
    return replace(context, signature=replace(context.signature, signer_authority=""))


class SettingsError(ValueError):
    """A settings file the report cannot use; the message is Vietnamese and names the key."""


def read_settings(path: Path) -> ReportSettings:
    """A TOML (``.toml``) or YAML (``.yaml``/``.yml``) settings file; SettingsError naming the
    file and key of every problem."""
    name = path.name
    try:
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw) if path.suffix.lower() == ".toml" else yaml.safe_load(raw)
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{name}: không đọc được tệp ({exc})") from None
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"{name}: tệp không đúng cú pháp ({exc})") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{name}: tệp cần là một bảng khóa = giá trị")
    return settings_from(data, name)


def settings_from(data: dict[str, Any], name: str) -> ReportSettings:
    problems = [
        f"{name}: khóa «{k}» không dùng (các khóa: {', '.join(KEYS)})"
        for k in data
        if k not in KEYS
    ]
    issuer = str(data.get("issuer", "tinh_uy"))
    if issuer not in ISSUERS:
        problems.append(f"{name}: khóa «issuer» = «{issuer}» không có (chọn: {', '.join(ISSUERS)})")
    date = _date(data.get("date"), name, problems)
    sections = data.get("sections") or {}
    if not isinstance(sections, dict):
        problems.append(f"{name}: khóa «sections» cần là một bảng (trien_khai, nguyen_nhan, …)")
        sections = {}
    problems += [
        f"{name}: khóa «sections.{k}» không có (chọn: {', '.join(SECTIONS)})"
        for k in sections
        if k not in SECTIONS
    ]
    recipients = data.get("recipients") or []
    if isinstance(recipients, str) or not isinstance(recipients, list):
        problems.append(f"{name}: khóa «recipients» cần là một danh sách")
        recipients = []
    if problems:
        raise SettingsError("\n".join(problems))
    text = {k: str(data.get(k) or "").strip() for k in ("number", "place", "title")}
    signer = {k: str(data.get(k) or "").strip() for k in ("signer_title", "signer")}
    return ReportSettings(
        issuer,
        date=date,
        recipients=tuple(str(r) for r in recipients),
        sections={k: str(v) for k, v in sections.items()},
        **text,
        **signer,
    )


def _date(value: Any, name: str, problems: list[str]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    found = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if found:
            return dt.date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(f"{name}: khóa «date» = «{value}» không phải ngày (ví dụ 15/12/2020)")
        return None
