"""Sphinx configuration for the spinal_metastasis documentation."""

from pathlib import Path

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
