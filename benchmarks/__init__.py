"""dmr's benchmark suite: the same endpoint in every framework, side by side.

See ``benchmarks/README.md`` for the command, the method and the results.
"""
