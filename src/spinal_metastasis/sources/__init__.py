"""The sources the library cites, one module per topic.

The registry of them all is :mod:`spinal_metastasis.references`.
"""
