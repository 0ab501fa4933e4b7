"""Compatibility shims; the only module that imports ``typing_extensions``."""

import sys

if sys.version_info >= (3, 13):  # pragma: no cover - depends on the interpreter
    from typing import override
    from warnings import deprecated
else:  # pragma: no cover - depends on the interpreter
    from typing_extensions import deprecated, override

__all__ = ["deprecated", "override"]
