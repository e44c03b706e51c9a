"""``Router`` mounts controllers under a prefix, with or without a namespace."""

import pytest
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse

from dmr import Controller
from dmr.routing import Router, path


class Ping(Controller):
    def get(self) -> str:
        return 'pong'


router = Router('api/', [path('ping/', Ping.as_view(), name='ping')])
urlpatterns = [router.to_urlpatterns(namespace='api')]
plain_urlpatterns = [Router('v2/', [path('ping/', Ping.as_view(), name='ping2')]).to_urlpatterns()]


@override_settings(ROOT_URLCONF='tests.test_routing')
def test_namespaced_routes_reverse_and_resolve():
    """Routes are reversed as ``namespace:name`` under the prefix."""
    assert reverse('api:ping') == '/api/ping/'
    assert resolve('/api/ping/').func.view_class is Ping  # type: ignore[attr-defined]


@override_settings(ROOT_URLCONF='tests.test_routing')
def test_unknown_paths_do_not_resolve():
    """Only the router's own routes resolve."""
    with pytest.raises(Resolver404):
        resolve('/api/pong/')


def test_router_without_namespace():
    """Without a namespace, names are global."""
    resolver = plain_urlpatterns[0]
    assert resolver.resolve('v2/ping/').url_name == 'ping2'
