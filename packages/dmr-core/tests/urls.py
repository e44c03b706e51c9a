"""Routes for tests that need a URLconf; most tests build their own views."""

urlpatterns: list[object] = []
