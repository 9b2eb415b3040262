import subprocess
import sys

import pytest

import gradiate


def test_all_matches_the_lazy_table():
    assert set(gradiate.__all__) == set(gradiate._LAZY)


def test_every_public_name_resolves():
    for name in gradiate.__all__:
        assert getattr(gradiate, name) is not None


def test_unknown_attribute_raises_attribute_error_naming_it():
    with pytest.raises(AttributeError, match="NoSuchThing"):
        gradiate.NoSuchThing  # noqa: B018


def test_import_gradiate_leaves_heavy_modules_unloaded():
    code = (
        "import sys, gradiate; "
        "print(','.join(m for m in ('numpy', 'PIL', 'starlette', 'uvicorn', 'anyio', "
        "'orjson', 'gradiate.blocks', 'gradiate.components', 'gradiate.cli', "
        "'gradiate.app_loader', 'gradiate.asgi') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
