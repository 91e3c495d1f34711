"""A set stored in the database (authored in the web) is found by its code with no file."""

from __future__ import annotations

import pytest

from ntm.criteria import CriteriaFileError, load_set
from ntm.domain.criteria import criteria_set_to_data
from ntm.web.assessments.services import criteria_set_store


@pytest.mark.django_db
def test_a_stored_set_is_loaded_by_its_code_when_no_file_has_it() -> None:
    shipped = load_set("xa-ntm-2026-2030")
    data = criteria_set_to_data(shipped)
    data["code"] = "xa-ntm-2026-2030-luu-trong-csdl"
    data["title"] = "Bộ lưu trong cơ sở dữ liệu"
    with pytest.raises(CriteriaFileError):
        load_set(data["code"])
    record = criteria_set_store(cset=shipped, data=data)
    record.code = data["code"]
    record.save(update_fields=["code"])
    found = load_set(data["code"])
    assert found.code == data["code"]
    assert found.title == "Bộ lưu trong cơ sở dữ liệu"
    assert len(found.criteria) == len(shipped.criteria)
