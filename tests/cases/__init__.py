"""Published and worked examples; each id names its source and whether it is published."""
