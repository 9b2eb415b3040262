"""Loading an app file for the ``gradiate`` command: which Blocks, and what launch() does."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from gradiate.app_loader import backend_url, load_app, redact
from gradiate.exceptions import ConfigError


@pytest.fixture(autouse=True)
def restored_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Forget the modules and sys.path entries the loaded app files add."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    yield
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", None) or "").startswith(str(tmp_path)):
            del sys.modules[name]


TWO_BLOCKS = "import gradiate as gr\nfirst = gr.Blocks()\nsecond = gr.Blocks()\n"


def write(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(source))
    return path


def test_the_blocks_named_demo_is_served_and_its_launch_returns_at_once(tmp_path: Path) -> None:
    write(tmp_path, "shout_helpers.py", "def shout(text):\n    return text.upper()\n")
    app = write(
        tmp_path,
        "shout_app.py",
        """
        import gradiate as gr
        from shout_helpers import shout

        other = gr.Blocks()
        demo = gr.Interface(shout, "text", "text")
        demo.launch(show_error=True, max_threads=7)
        after_launch = True
        """,
    )
    loaded = load_app(app)
    assert loaded.blocks is loaded.module.demo
    assert loaded.module.after_launch is True  # launch() did not block
    assert loaded.blocks.server is None  # nor start a server
    assert loaded.launch_options is not None
    assert (loaded.launch_options.show_error, loaded.launch_options.max_threads) == (True, 7)
    assert loaded.module.__name__ == "shout_app"
    assert sys.path[0] == str(tmp_path)


def test_the_only_blocks_is_served_whatever_its_name(tmp_path: Path) -> None:
    app = write(tmp_path, "single.py", "import gradiate as gr\nui = gr.Blocks()\nalias = ui\n")
    loaded = load_app(app)
    assert loaded.blocks is loaded.module.ui
    assert loaded.launch_options is None


def test_demo_name_picks_one_of_several(tmp_path: Path) -> None:
    app = write(tmp_path, "two.py", TWO_BLOCKS)
    assert load_app(app, "second").blocks is sys.modules["two"].second


def test_several_blocks_without_a_demo_name_is_an_error_naming_them(tmp_path: Path) -> None:
    app = write(tmp_path, "many.py", TWO_BLOCKS)
    with pytest.raises(ConfigError) as caught:
        load_app(app)
    assert str(caught.value) == (
        "many.py defines several Blocks (first, second); choose one with --demo-name, or "
        "name it `demo`."
    )


def test_an_unknown_demo_name_is_an_error_listing_the_blocks(tmp_path: Path) -> None:
    app = write(tmp_path, "named.py", "import gradiate as gr\nui = gr.Blocks()\ntitle = 'x'\n")
    with pytest.raises(ConfigError, match=r"--demo-name 'app' is not defined; .*: ui\.$"):
        load_app(app, "app")
    with pytest.raises(ConfigError, match=r"--demo-name 'title' is not a gr.Blocks"):
        load_app(app, "title")


def test_a_file_without_blocks_is_an_error(tmp_path: Path) -> None:
    app = write(tmp_path, "empty_app.py", "def build():\n    pass\n")
    with pytest.raises(ConfigError, match=r"defines no gr\.Blocks at module level"):
        load_app(app)


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_app(tmp_path / "nothere.py")


def test_an_error_in_the_app_file_propagates_and_leaves_no_module(tmp_path: Path) -> None:
    app = write(tmp_path, "broken_app.py", "raise RuntimeError('model missing')\n")
    with pytest.raises(RuntimeError, match="model missing"):
        load_app(app)
    assert "broken_app" not in sys.modules


def test_the_backend_flag_wins_over_the_app_and_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = load_app(write(tmp_path, "b.py", "import gradiate as gr\ndemo = gr.Blocks()\n")).blocks
    monkeypatch.delenv("GRADIATE_QUEUE_URL", raising=False)
    assert backend_url(blocks) == "memory://"
    monkeypatch.setenv("GRADIATE_QUEUE_URL", "redis://env:6379/0")
    assert backend_url(blocks) == "redis://env:6379/0"
    assert backend_url(blocks, "redis://flag:6379/1") == "redis://flag:6379/1"


def test_a_logged_url_hides_its_password() -> None:
    assert redact("redis://:s3cret@db:6379/0") == "redis://:***@db:6379/0"
    assert redact("redis://user:s3cret@db/0") == "redis://user:***@db/0"
    assert redact("redis://db:6379/0") == "redis://db:6379/0"
