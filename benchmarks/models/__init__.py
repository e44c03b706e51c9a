"""The user of :mod:`benchmarks.payload`, once per validation library."""
