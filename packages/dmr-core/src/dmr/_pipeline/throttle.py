"""Stage: count the request against the endpoint's throttles (429, or 503 when refusing).

An endpoint has up to two throttle stages: the throttles whose key does not
need a user run before authentication (a flood of anonymous requests never
reaches the database), those keyed by user or token right after it. Each
stage checks all of its throttles in one store call. The outer one also acts
on the way out: every response of a throttled endpoint, errors included,
carries ``RateLimit-Policy`` and ``RateLimit`` (draft-ietf-httpapi-ratelimit-headers-11).
"""

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

from django.http import HttpResponseBase
from django.utils.translation import gettext

from dmr._pipeline.exchange import Exchange
from dmr._pipeline.response_table import ResponseEntry
from dmr._pipeline.stage import Stage
from dmr.errors import (
    EndpointDefinitionError,
    ErrorType,
    ServiceUnavailableError,
    ThrottledError,
    error_detail,
)
from dmr.responses import ResponseSpec
from dmr.settings import get_settings
from dmr.throttling._hashing import bucket
from dmr.throttling.stores import Check, Outcome, Store, StoreUnavailableError
from dmr.throttling.throttle import Throttle

TOO_MANY = 'Raised when the client sent more requests than a throttle allows'
UNAVAILABLE = 'Raised when the rate-limit store is down and a throttle refuses without it'
RATE_LIMIT_HEADERS: Mapping[str, str] = {
    'RateLimit-Policy': 'The throttles of this endpoint: quota (q) per window (w) seconds',
    'RateLimit': 'What is left of each quota (r) and the seconds until it is whole (t)',
}


class Throttling(Stage):
    """Counts the request against ``throttles`` in one store call."""

    def __init__(
        self,
        throttles: tuple[Throttle, ...],
        *,
        names: tuple[str, ...],
        scopes: tuple[str, ...],
        store: Store,
        error_model: Any,
        retry_unavailable: int,
    ) -> None:
        self.throttles = throttles
        self.names = names
        self.scopes = scopes
        self.store = store
        self.key_names = tuple(getattr(throttle.key, '__name__', 'key') for throttle in throttles)
        self.retry_unavailable = {'Retry-After': str(retry_unavailable)}
        responses = [
            ResponseSpec(
                error_model,
                status_code=429,
                description=TOO_MANY,
                headers={'Retry-After': 'Seconds to wait before retrying', **RATE_LIMIT_HEADERS},
            ),
        ]
        if any(throttle.on_error == 'deny' for throttle in throttles):
            responses.append(
                ResponseSpec(
                    error_model,
                    status_code=503,
                    description=UNAVAILABLE,
                    headers={'Retry-After': 'Seconds to wait before retrying'},
                ),
            )
        self.responses = tuple(responses)

    def checks(self, exchange: Exchange) -> tuple[list[Check], list[int]]:
        """The store checks of this request and the throttles they belong to."""
        request = exchange.request
        checks: list[Check] = []
        active: list[int] = []
        store = self.store
        for index, throttle in enumerate(self.throttles):
            value = throttle.key(request)
            if value is None:
                continue
            checks.append(
                Check(
                    bucket(self.scopes[index], self.key_names[index], value),
                    throttle.rate,
                    throttle.algorithm or store.default_algorithm,
                ),
            )
            active.append(index)
        return checks, active

    def enter(self, exchange: Exchange, /) -> None:
        """Raise 429 when a throttle refuses, 503 when the store is down and one must refuse."""
        checks, active = self.checks(exchange)
        if not checks:
            return
        try:
            outcomes = self.store.hit(checks)
        except StoreUnavailableError:
            self.store_down(active)
            return
        self.conclude(exchange, active, outcomes)

    def enter_async(self, exchange: Exchange, /) -> Any:
        """The same with the store's async path."""
        return self.enter_with_async_store(exchange)

    async def enter_with_async_store(self, exchange: Exchange) -> None:
        """The coroutine of :meth:`enter_async`."""
        checks, active = self.checks(exchange)
        if not checks:
            return
        try:
            outcomes = await self.store.ahit(checks)
        except StoreUnavailableError:
            self.store_down(active)
            return
        self.conclude(exchange, active, outcomes)

    def store_down(self, active: list[int]) -> None:
        """Let the request through, unless one of its throttles refuses without a store."""
        if any(self.throttles[index].on_error == 'deny' for index in active):
            raise ServiceUnavailableError(
                [
                    error_detail(
                        gettext('The service is temporarily unavailable; try again later'),
                        [],
                        ErrorType.SERVICE_UNAVAILABLE,
                    ),
                ],
                headers=self.retry_unavailable,
            )

    def conclude(self, exchange: Exchange, active: list[int], outcomes: list[Outcome]) -> None:
        """Keep the outcomes for the headers; raise 429 if one refused."""
        limits = tuple(
            (self.names[index], outcome) for index, outcome in zip(active, outcomes, strict=True)
        )
        exchange.limits = (*exchange.limits, *limits)
        refused = [outcome.retry_after for outcome in outcomes if not outcome.allowed]
        if refused:
            wait = max(refused)
            raise ThrottledError(
                [
                    error_detail(
                        gettext('Request was throttled; retry in %(wait)s seconds')
                        % {'wait': wait},
                        [],
                        ErrorType.THROTTLED,
                    ),
                ],
                headers={'Retry-After': str(wait)},
            )


class OuterThrottling(Throttling):
    """The first throttle stage: it also writes the ``RateLimit`` headers of the endpoint."""

    policies: tuple[tuple[str, Throttle], ...] = ()
    """Every throttle of the endpoint and its name, for ``RateLimit-Policy``."""

    def leave(self, exchange: Exchange, response: HttpResponseBase, /) -> None:
        """``RateLimit-Policy`` always; ``RateLimit`` for the throttles that counted it."""
        response['RateLimit-Policy'] = ', '.join(
            f'"{name}";q={throttle.rate.limit};w={throttle.rate.per}'
            for name, throttle in self.policies
        )
        if exchange.limits:
            response['RateLimit'] = ', '.join(
                f'"{name}";r={outcome.remaining};t={outcome.reset}'
                for name, outcome in exchange.limits
            )


def throttle_stages(
    qualname: str,
    throttles: tuple[Throttle, ...],
    error_model: Any,
) -> tuple[Stage | None, Stage | None]:
    """The stages before and after authentication; ``None`` where there is nothing to do."""
    if not throttles:
        return None, None
    config = get_settings().throttling
    store = config.store()
    for throttle in throttles:
        if throttle.algorithm is not None and throttle.algorithm not in store.algorithms:
            runs = ', '.join(sorted(store.algorithms))
            raise EndpointDefinitionError(
                f'{qualname}: {throttle!r} asks for {throttle.algorithm!r}, which the '
                f'throttling backend does not run (it runs: {runs})',
            )
    names = _unique_names(throttles)
    scopes = tuple(
        throttle.scope or f'{qualname}#{index}' for index, throttle in enumerate(throttles)
    )
    policies = tuple(zip(names, throttles, strict=True))
    before = tuple(index for index, throttle in enumerate(throttles) if not throttle.after_auth)
    after = tuple(index for index, throttle in enumerate(throttles) if throttle.after_auth)
    stages: list[Throttling | None] = []
    for indexes in (before, after):
        if not indexes:
            stages.append(None)
            continue
        outer = indexes is before or not before
        stage_class = OuterThrottling if outer else Throttling
        stage = stage_class(
            tuple(throttles[index] for index in indexes),
            names=tuple(names[index] for index in indexes),
            scopes=tuple(scopes[index] for index in indexes),
            store=store,
            error_model=error_model,
            retry_unavailable=math.ceil(config.cooldown),
        )
        if isinstance(stage, OuterThrottling):
            stage.policies = policies
        stages.append(stage)
    return stages[0], stages[1]


def with_rate_limit_headers(table: dict[int, ResponseEntry]) -> dict[int, ResponseEntry]:
    """Document the ``RateLimit`` headers on every response of a throttled endpoint."""
    return {
        status: dataclasses.replace(
            entry,
            spec=dataclasses.replace(
                entry.spec, headers={**entry.spec.headers, **RATE_LIMIT_HEADERS}
            ),
        )
        for status, entry in table.items()
    }


def _unique_names(throttles: tuple[Throttle, ...]) -> tuple[str, ...]:
    names: list[str] = []
    for throttle in throttles:
        name = throttle.name
        suffix = 2
        while name in names:
            name = f'{throttle.name}-{suffix}'
            suffix += 1
        names.append(name)
    return tuple(names)
