"""DMR_SETTINGS['throttling']: a Redis server, a proxy, and a default throttle."""

from dmr.settings import parse_settings
from dmr.throttling import Throttle, by_ip

DMR_SETTINGS = {
    'serializer': 'msgspec',
    'throttling': {
        'backend': 'redis://127.0.0.1:6379/0',  # or 'cache:default'
        'trusted_proxies': ['10.0.0.0/8'],  # whose X-Forwarded-For is believed
        'timeout': 0.1,  # seconds per call to the store
        'throttles': [Throttle('100/second', key=by_ip)],  # where a controller sets none
    },
}
# The page shows the settings above.

assert parse_settings(DMR_SETTINGS).throttling.timeout == 0.1
