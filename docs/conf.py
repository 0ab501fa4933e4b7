"""Sphinx configuration for the spinal_metastasis documentation."""

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from spinal_metastasis.references import REFERENCES

project = "spinal_metastasis"
author = "The spinal_metastasis developers"
copyright = "2026, The spinal_metastasis developers"
release = "0.1.0"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
]
# Plots rendered during the docs build (docs/how-to/plots.md).
extensions.append("matplotlib.sphinxext.plot_directive")
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "spinal_metastasis"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_preserve_defaults = True  # show defaults as written, not the repr of large tables
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True  # attrs fields are documented once, in the class docstring

# The build runs without network access, so no intersphinx inventories are fetched;
# references to the standard library, attrs and hypothesis types are not resolved.
nitpick_ignore_regex = [
    (r"py:.*", r"(attrs|cattrs|hypothesis|typing|collections|enum|types|datetime)\..*"),
    (r"py:.*", r"(Self|Any|Final|Attribute|SearchStrategy|DrawFn|TypeVar|E|V|T|JsonSchema)"),
    (r"py:.*", r"(optional|object|callable|iterable)"),
    (r"py:class", r"spinal_metastasis\..*\._.*"),
    (r"py:class", r"spinal_metastasis\..*\.[A-Z]"),  # type variables
    (r"py:class", r"spinal_metastasis\..*\.F_contra"),
    # Napoleon reads some prose ("The verdict, its findings") as a type: never a class name.
    (r"py:class", r".*[\s'<>:(].*"),
]

# Docstring examples run under pytest --doctest-modules, in their module's namespace;
# the doctest builder runs the {doctest} blocks of these pages.
doctest_test_doctest_blocks = ""
doctest_global_setup = "import spinal_metastasis as sm\nfrom spinal_metastasis import *"


def _write_references() -> None:
    """Generate the references page from the library's citation registry."""
    lines = [
        "# References",
        "",
        "Every source the library uses, generated from",
        "`spinal_metastasis.references.REFERENCES`.",
        "*Verified* means the values the library takes from the source were read",
        "in the primary text; otherwise the note says what was read instead.",
        "",
    ]
    for item in sorted(REFERENCES.values(), key=lambda c: (c.authors, c.year)):
        status = "verified" if item.verified else "**not verified against the primary text**"
        lines += [
            f"({item.key})=",
            f"## {item.short}",
            "",
            str(item).replace(" [not verified against the primary text]", ""),
            "",
            f"- Key: `{item.key}`; status: {status}.",
        ]
        if item.verification:
            lines.append(f"- Checked: {item.verification}")
        lines.append("")
    target = Path(__file__).parent / "references.md"
    text = "\n".join(lines)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


_write_references()


# --- Rule tables, rendered from the registry (spinal_metastasis.rules) -------------------------


class RuleTable(SphinxDirective):
    """``{rule-table} sbrt conventional_ebrt``: the table of the rules those modalities apply.

    One row per rule: its id, what it checks, the model fields it reads and its source,
    from :func:`spinal_metastasis.rules`, so that each rule is stated once, in its
    declaration.
    """

    required_arguments = 1
    optional_arguments = 12

    def run(self) -> list[nodes.Node]:
        """Build the table as a list-table and parse it."""
        from spinal_metastasis import Modality, rules  # noqa: PLC0415 - at build time

        chosen = [Modality(name) for name in self.arguments]
        declared = list(dict.fromkeys(rule for modality in chosen for rule in rules(modality)))
        if not declared:
            msg = f"no rules declared for {', '.join(self.arguments)}"
            raise self.error(msg)
        lines = [
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 22 46 20 12",
            "",
            "   * - id",
            "     - what it checks",
            "     - inputs",
            "     - source",
        ]
        for rule in declared:
            inputs = ", ".join(f"``{name}``" for name in rule.inputs) or "none"
            lines += [
                f"   * - ``{rule.id}``",
                f"     - {rule.description}",
                f"     - {inputs}",
                f"     - :ref:`{rule.citation.short} <{rule.citation.key}>`",
            ]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="rules()"), self.content_offset, container)
        return list(container.children)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the rule-table directive."""
    app.add_directive("rule-table", RuleTable)
    return {"parallel_read_safe": True}
