"""The URLconf samples start with; a sample that serves URLs overrides it."""

urlpatterns: list[object] = []
