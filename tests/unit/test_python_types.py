import pytest

from gradiate.python_types import schema_to_python_type


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string"}, "str"),
        ({"type": "number"}, "float"),
        ({"type": "boolean"}, "bool"),
        ({"type": "string", "enum": ["a", "b"]}, "Literal['a', 'b']"),
        ({"type": "array", "items": {"type": "number"}}, "list[float]"),
        ({"type": {}, "description": "any valid json"}, "str | float | bool | list | dict"),
        ({"type": {}}, "Any"),
        ({"enum": [1, 2], "type": "string"}, "Literal['1', '2']"),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, "str | None"),
        ({"type": "object", "properties": {"a": {"type": "integer"}}}, "dict(a: int)"),
    ],
)
def test_schema_to_python_type(schema, expected):
    assert schema_to_python_type(schema) == expected
