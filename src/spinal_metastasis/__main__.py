"""``python -m spinal_metastasis``: the ``spinal-metastasis`` command."""

import sys

from spinal_metastasis.cli import main

if __name__ == "__main__":  # pragma: no cover - run as a program; tested in a subprocess
    sys.exit(main())
