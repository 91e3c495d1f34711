"""The set files are read with libyaml when it is there: the same data as the pure-Python parser
gives, and the same error, with its place, for a broken file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ntm.criteria import CriteriaFileError, _yaml_parse, read_set_file, set_files


@pytest.mark.parametrize("code", sorted(set_files()))
def test_every_shipped_set_reads_as_the_pure_python_parser_reads_it(code: str) -> None:
    text = set_files()[code].read_text(encoding="utf-8")
    assert _yaml_parse(text) == yaml.safe_load(text)


def test_the_fast_parser_is_libyaml_when_pyyaml_has_it() -> None:
    from ntm.criteria import _FAST_LOADER

    assert _FAST_LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def test_a_broken_file_names_the_place_the_pure_python_parser_names(tmp_path: Path) -> None:
    broken = tmp_path / "hong.yaml"
    broken.write_text("code: x\ncriteria:\n  - number: 1\n   name: [lệch\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.safe_load(broken.read_text(encoding="utf-8"))
    mark = pure.value.problem_mark  # type: ignore[attr-defined]
    with pytest.raises(CriteriaFileError) as ours:
        read_set_file(broken)
    [(where, message)] = ours.value.problems
    assert where == f"dòng {mark.line + 1}, cột {mark.column + 1}"
    assert message == f"YAML sai cú pháp: {pure.value.problem}"  # type: ignore[attr-defined]
