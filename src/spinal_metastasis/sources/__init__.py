"""The sources the library cites, one module per topic; the registry is :mod:`spinal_metastasis.references`."""
