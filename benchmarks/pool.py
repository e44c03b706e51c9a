"""Starting worker processes in their hatch environments and talking to them.

The driver needs only the standard library. Each worker runs with the
Python of its variant's hatch environment, which ``scripts/hatch`` creates
and syncs on first use.
"""

import json
import os
import subprocess
from pathlib import Path
from typing import IO, Any

from benchmarks.manifest import Variant

ROOT = Path(__file__).resolve().parent.parent
HATCH = os.environ.get('DMR_BENCH_HATCH', str(ROOT / 'scripts' / 'hatch'))
# The driver may itself run under `hatch run`; its environment must not leak.
_HATCH_VARIABLES = ('HATCH_ENV_ACTIVE', 'VIRTUAL_ENV')


class WorkerError(RuntimeError):
    """A worker failed its checks or crashed."""


def _clean_environ() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in _HATCH_VARIABLES}


def environment_python(environment: str) -> str:
    """The Python of a hatch environment, created and synced if needed."""
    result = subprocess.run(  # noqa: S603 - fixed arguments, no user input
        [HATCH, 'run', f'{environment}:python', '-c', 'import sys; print(sys.executable)'],
        cwd=ROOT,
        env=_clean_environ(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise WorkerError(f'cannot prepare hatch environment {environment}:\n{result.stderr}')
    return result.stdout.strip().splitlines()[-1]


def _pipe(stream: IO[str] | None) -> IO[str]:
    if stream is None:
        raise WorkerError('the worker was started without pipes')
    return stream


class Worker:
    """One variant's process; one request-loop command at a time."""

    def __init__(self, variant: Variant, python: str, warmup: int) -> None:
        self.variant = variant
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [python, '-m', 'benchmarks.worker', variant.name, str(warmup)],
            cwd=ROOT,
            env=_clean_environ(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.ready = self._receive()

    def _receive(self) -> dict[str, Any]:
        line = _pipe(self.process.stdout).readline()
        if not line:
            code = self.process.wait()
            raise WorkerError(f'{self.variant.name}: the worker exited with {code}')
        message: dict[str, Any] = json.loads(line)
        if 'error' in message:
            self.process.wait()
            raise WorkerError(f'{self.variant.name} failed:\n{message["error"]}')
        return message

    def run(self, requests: int, shape: tuple[str, int] | None = None) -> dict[str, Any]:
        """Serve ``requests`` requests; return the worker's timing.

        ``shape`` serves :func:`benchmarks.payload.grown_user`'s body instead
        of the benchmark's own.
        """
        command: dict[str, Any] = {'run': requests}
        if shape is not None:
            command['shape'] = list(shape)
        _pipe(self.process.stdin).write(json.dumps(command) + '\n')
        return self._receive()

    def close(self) -> None:
        """End the worker: it exits at the end of its input."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)
        if self.process.stdout is not None:
            self.process.stdout.close()
