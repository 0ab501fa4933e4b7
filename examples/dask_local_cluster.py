"""Assess a JSON Lines cohort on a local Dask cluster of worker processes; write Parquet.

Run it as a script (it needs the ``dask`` and ``arrow`` extras)::

    python dask_local_cluster.py cohort-*.jsonl results/ errors/ --workers 4

The ``if __name__ == "__main__":`` guard is required: the cluster starts its worker
processes by importing this file again, and without the guard each of them would
start a cluster of its own.
"""

import argparse

import dask
import dask.bag as db
from dask.distributed import Client, LocalCluster

from spinal_metastasis.cohort.dask_batch import assess_bag
from spinal_metastasis.provenance import provenance_metadata


def run(cohort: str, results: str, errors: str, *, workers: int) -> None:
    """Assess every line of the ``cohort`` files; write the rows and the errors as Parquet."""
    # One thread per worker process: the assessments are pure Python and hold the GIL.
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster),
    ):
        rows, failures = assess_bag(db.read_text(cohort))
        metadata = provenance_metadata()  # schema, library and table versions, in every file
        dask.compute(  # both from the same tasks: each partition is assessed once
            rows.to_parquet(results, compute=False, custom_metadata=metadata),
            failures.to_parquet(errors, compute=False, custom_metadata=metadata),
        )


def main() -> None:
    """Read the command line and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cohort", help="JSON Lines file(s), one patient a line; globs allowed")
    parser.add_argument("results", help="folder for the rows (Parquet)")
    parser.add_argument("errors", help="folder for the records that could not be read (Parquet)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default: 2)")
    args = parser.parse_args()
    run(args.cohort, args.results, args.errors, workers=args.workers)


if __name__ == "__main__":
    main()
