"""Errors of the libraries that read files, said in Vietnamese with the file they came from.

The text of a library's exception is English and names its own internals ("invalid Zip archive:
Could not find EOCD"): it never reaches a person. Each kind of failure gets a sentence saying what
is wrong with the file and what to do; an unforeseen one gets a general sentence.
"""

from __future__ import annotations

import csv
import zipfile

from ntm.formatting import number
from ntm.io.errors import Problem
from ntm.io.limits import LIMITS

_DAMAGED = (
    "tệp bảng tính bị hỏng hoặc không đúng định dạng (không đọc được nội dung); "
    "hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi gửi lại"
)
_CALAMINE = {
    "PasswordError": "tệp được đặt mật khẩu: hãy bỏ mật khẩu rồi gửi lại",
    "ZipError": _DAMAGED,
    "XmlError": "nội dung bảng tính bị hỏng (cấu trúc XML không hợp lệ); hãy mở bằng Excel, "
    "lưu lại rồi gửi lại",
    "WorksheetNotFound": "tệp thiếu trang tính được khai báo: tệp bị hỏng",
    "WorkbookClosed": _DAMAGED,
}


def _csv_message(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"có ô dài quá {number(LIMITS.max_field)} ký tự; tệp bị từ chối"
    if "NUL" in text:
        return "tệp chứa dữ liệu nhị phân, không phải văn bản CSV"
    return "tệp CSV sai cấu trúc (dấu ngoặc kép hoặc xuống dòng không khớp)"


def library_message(exc: BaseException) -> str:
    """What a person reads for a library's exception: never the exception's own text."""
    name = type(exc).__name__
    if name in _CALAMINE:
        return _CALAMINE[name]
    if isinstance(exc, zipfile.BadZipFile | zipfile.LargeZipFile | EOFError):
        return _DAMAGED
    if isinstance(exc, csv.Error):
        return _csv_message(exc)
    if isinstance(exc, UnicodeError):
        return "không đọc được chữ trong tệp (bảng mã không nhận ra); hãy lưu lại dạng UTF-8"
    if isinstance(exc, MemoryError | RecursionError):
        return "tệp quá lớn hoặc quá phức tạp để đọc; tệp bị từ chối"
    if isinstance(exc, PermissionError):
        return "không có quyền đọc tệp"
    if isinstance(exc, OSError):
        return "không đọc được tệp (lỗi hệ thống tệp)"
    if name == "CalamineError" or type(exc).__module__.startswith(("python_calamine", "openpyxl")):
        return _DAMAGED
    return "không đọc được tệp: nội dung không đúng định dạng bảng tính hoặc CSV"


def library_problem(exc: BaseException, file: str, sheet: str | None = None) -> Problem:
    return Problem(file, library_message(exc), sheet)
