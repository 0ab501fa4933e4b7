import re
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"


class TestReadme:
    def test_python_example_runs(self) -> None:
        """The README's Python example runs as written."""
        blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
        assert blocks
        for block in blocks:
            exec(compile(block, str(README), "exec"), {})  # noqa: S102 - the README's own code

    def test_setup_commands_match_ci(self) -> None:
        """The README's test command is the one .ci/run runs."""
        text = README.read_text(encoding="utf-8")
        ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
        assert "coverage run -m pytest" in text
        assert "python -m coverage run -m pytest" in ci
        assert "python -m coverage report" in ci
