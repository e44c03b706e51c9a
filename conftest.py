"""What every test suite of the repository shares (pytest reads this file first).

Hypothesis' checks of speed (a deadline per example, the ``too_slow`` health
check) measure the machine, not the code: on a shared two-core CI runner they
only turn load into failures. The properties themselves are checked in full.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    'dmr',
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile('dmr')
