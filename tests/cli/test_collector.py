"""The collector is paused only inside the block (``ntm report``'s work) and comes back after."""

from __future__ import annotations

import gc

import pytest

from ntm.cli.collector import collector_paused, imports_settled, imports_start


def test_the_collector_is_off_inside_the_block_and_on_again_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_after_an_error_too() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("x")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_after_the_imports_the_collector_is_on_and_the_objects_frozen() -> None:
    was_on = imports_start()
    assert was_on and not gc.isenabled()
    imports_settled(was_on)
    try:
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
