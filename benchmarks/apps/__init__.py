"""One module per framework: the benchmark's endpoint, and its URLconf.

See :mod:`benchmarks.manifest` for the literals each module declares.
"""
