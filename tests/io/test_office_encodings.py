"""What offices send: every encoding, line ending and separator reads as the UTF-8 original,
and a guessed encoding is said in the notes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest

from ntm.io.bundle import load_inputs
from ntm.io.rawfile import RawFile
from ntm.io.units_file import read_units

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """As Excel on a Vietnamese Windows writes it: tone marks as separate combining characters."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append((base + "".join(c for c in parts if c in TONES)).encode("cp1258"))
    return b"".join(out)


ENCODINGS = {
    "utf-8": (lambda t: t.encode("utf-8"), None),
    "utf-8 with BOM": (lambda t: t.encode("utf-8-sig"), None),
    "UTF-16 with BOM": (lambda t: t.encode("utf-16"), "UTF-16"),
    "UTF-16 without BOM": (lambda t: t.encode("utf-16-le"), "UTF-16"),
    "Windows-1258": (cp1258, "Windows-1258"),
}
SHAPES = {
    "LF": lambda t: t,
    "CR only": lambda t: t.replace("\n", "\r"),
    "CRLF": lambda t: t.replace("\n", "\r\n"),
    "semicolons": lambda t: t.replace(",", ";"),
    "tabs": lambda t: t.replace(",", "\t"),
}


FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "kontum-2020" / "criteria-2020.csv"


@pytest.fixture(scope="module")
def original() -> tuple[str, object]:
    return FIXTURE.read_text(encoding="utf-8"), load_inputs([FIXTURE])


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("shape", SHAPES)
def test_an_office_csv_reads_as_its_utf8_original(original, encoding: str, shape: str) -> None:
    text, expected = original
    encode, named = ENCODINGS[encoding]
    inputs = load_inputs([RawFile("so-lieu.csv", content=encode(SHAPES[shape](text)))])
    assert [u.name for u in inputs.units] == [u.name for u in expected.units]  # type: ignore[attr-defined]
    assert np.array_equal(inputs.statuses, expected.statuses)  # type: ignore[attr-defined]
    said = [n for n in inputs.notes if "bảng mã" in n]
    if named is None:
        assert said == []
    else:
        assert said and named in said[0] and "so-lieu.csv" in said[0]


def test_a_windows_1252_file_is_read_and_its_guess_said(tmp_path: Path) -> None:
    text = "commune_code,commune_name,year,tc1\n23311,Xã Café Ñ,2020,1\n"
    inputs = load_inputs([RawFile("xa.csv", content=text.encode("cp1252", "replace"))])
    assert inputs.units[0].code == "23311"
    assert any("Windows-1252" in n and "đoán tự động" in n for n in inputs.notes)


def test_units_and_set_objects_read_alike_to_their_files(kontum: Path) -> None:
    from ntm.criteria import load_set

    path = kontum / "criteria-2020.csv"
    by_path = load_inputs([path], units_path=kontum / "communes.csv", criteria="xa-ntm-2016-2020")
    by_object = load_inputs(
        [RawFile(path.name, content=path.read_bytes())],
        units=read_units(kontum / "communes.csv"),
        criteria=load_set("xa-ntm-2016-2020"),
    )
    assert by_object.units == by_path.units and by_object.year == by_path.year
    assert np.array_equal(by_object.statuses, by_path.statuses)
    assert np.array_equal(by_object.values, by_path.values, equal_nan=True)
    assert by_object.files == ["criteria-2020.csv"]
