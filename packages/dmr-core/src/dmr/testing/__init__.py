"""Testing helpers that ship with dmr-core, for backend and plugin authors."""
