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
        """CI runs the README's test command as written: it reads it from the README."""
        text = README.read_text(encoding="utf-8")
        ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
        marker = "Install the test extra and run the tests"
        block = re.search(re.escape(marker) + r".*?```console\n(.*?)```", text, re.DOTALL)
        assert block is not None
        command = block.group(1)
        assert 'pip install -e ".[test]"' in command
        assert "coverage run -m pytest" in command
        assert "coverage report" in command
        assert f"/^{marker}/" in ci

    def test_demo_command_installs_no_extra(self) -> None:
        """The README's demo command installs the core alone, then runs the demo."""
        text = README.read_text(encoding="utf-8")
        block = re.search(r"Install and run the demo.*?```console\n(.*?)```", text, re.DOTALL)
        assert block is not None
        assert "pip install . " in block.group(1)
        assert block.group(1).strip().endswith("spinal-metastasis demo")
