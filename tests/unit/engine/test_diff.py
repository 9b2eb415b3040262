import copy

import pytest

from gradiate.engine.diff import apply, diff


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a", "ab"),
        ("abc", "x"),
        ([1, 2, 3], [1, 5]),
        ([1], [1, 2, 3]),
        ({"a": 1, "b": 2}, {"a": 1, "c": 3}),
        ([{"content": [{"text": "hi"}]}], [{"content": [{"text": "hi there"}]}]),
        (None, "x"),
        (1, 1.0),
    ],
)
def test_applying_the_diff_gives_the_new_value(old, new):
    assert apply(copy.deepcopy(old), diff(old, new)) == new


def test_growing_string_is_an_append_and_equal_is_empty():
    assert diff("a", "ab") == [["append", [], "b"]]
    assert diff("same", "same") == []
    assert diff("s0", "s1") == [["replace", [], "s1"]]
