"""The newsroom example project: users write articles, articles carry tags."""
