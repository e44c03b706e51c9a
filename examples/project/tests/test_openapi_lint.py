"""Redocly and Spectral lint the served document; only allowed findings remain.

The linters are npm packages pinned in ``tests/openapi_lint/package-lock.json``.
On first use ``npm ci`` installs them into ``.tools/openapi-lint/`` at the
root of the repository (ignored by git), keyed by the lock file, so later runs
start at once. Node.js and npm must be on the ``PATH``.
"""

import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import tomllib

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.without_test_client  # it runs tools of its own

HERE = pathlib.Path(__file__).resolve().parent / 'openapi_lint'
ROOT = pathlib.Path(__file__).resolve().parents[3]
ALLOWED = tomllib.loads((HERE / 'allowed.toml').read_text())['allowed']
# No prompts, no colours, no update checks or telemetry: the same in CI as here.
ENV = {
    **os.environ,
    'CI': 'true',
    'NO_COLOR': '1',
    'NO_UPDATE_NOTIFIER': '1',
    'REDOCLY_TELEMETRY': 'off',
    'REDOCLY_SUPPRESS_UPDATE_NOTICE': 'true',
}
TIMEOUT = 600


def run(*command: str | pathlib.Path, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=ENV,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.fixture(scope='session')
def linters() -> pathlib.Path:
    """The ``node_modules/.bin`` of the pinned linters, installed on first use."""
    lock = (HERE / 'package-lock.json').read_bytes()
    prefix = ROOT / '.tools' / 'openapi-lint' / hashlib.sha256(lock).hexdigest()[:16]
    bin_dir = prefix / 'node_modules' / '.bin'
    if not (bin_dir / 'redocly').exists() or not (bin_dir / 'spectral').exists():
        npm = shutil.which('npm')
        assert npm is not None, 'the OpenAPI lint test needs Node.js and npm on the PATH'
        prefix.mkdir(parents=True, exist_ok=True)
        for name in ('package.json', 'package-lock.json'):
            shutil.copyfile(HERE / name, prefix / name)
        installed = run(npm, 'ci', '--no-audit', '--no-fund', '--loglevel=error', cwd=prefix)
        assert installed.returncode == 0, installed.stderr
    return bin_dir


@pytest.fixture
def exported(tmp_path: pathlib.Path) -> pathlib.Path:
    """The document ``manage.py dmr_export_schema`` writes, beside the linters' configurations."""
    call_command('dmr_export_schema', 'newsroom.urls.router', '-o', str(tmp_path / 'openapi.json'))
    (tmp_path / 'redocly.yaml').write_text('extends:\n  - recommended\n')
    (tmp_path / '.spectral.yaml').write_text('extends: ["spectral:oas"]\n')
    return tmp_path


def redocly_findings(bin_dir: pathlib.Path, folder: pathlib.Path) -> set[tuple[str, str, str]]:
    result = run(bin_dir / 'redocly', 'lint', 'openapi.json', '--format=json', cwd=folder)
    assert result.returncode in {0, 1}, result.stderr
    problems = json.loads(result.stdout)['problems']
    return {
        ('redocly', problem['ruleId'], problem['location'][0]['pointer']) for problem in problems
    }


def spectral_findings(bin_dir: pathlib.Path, folder: pathlib.Path) -> set[tuple[str, str, str]]:
    result = run(
        bin_dir / 'spectral',
        'lint',
        'openapi.json',
        '--ruleset',
        '.spectral.yaml',
        '--format',
        'json',
        '--quiet',
        cwd=folder,
    )
    assert result.returncode in {0, 1}, result.stderr
    problems = json.loads(result.stdout or '[]')
    return {
        ('spectral', problem['code'], '/'.join(map(str, problem['path']))) for problem in problems
    }


def unexplained(findings: set[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    allowed = {(entry['tool'], entry['rule']) for entry in ALLOWED}
    return sorted(finding for finding in findings if finding[:2] not in allowed)


def test_redocly_and_spectral_find_nothing_unexplained(linters, exported):
    """Every finding of either linter is listed, with a reason, in ``allowed.toml``."""
    findings = redocly_findings(linters, exported) | spectral_findings(linters, exported)
    assert unexplained(findings) == []
    unused = {(entry['tool'], entry['rule']) for entry in ALLOWED} - {
        finding[:2] for finding in findings
    }
    assert unused == set(), 'allowed.toml lists findings that are gone: remove them'


def test_the_linters_report_a_planted_mistake(linters, exported):
    """The linters run for real: an operation without responses is reported by both."""
    broken = json.loads((exported / 'openapi.json').read_text())
    del broken['paths']['/api/users/']['get']['responses']
    (exported / 'openapi.json').write_text(json.dumps(broken))
    findings = redocly_findings(linters, exported) | spectral_findings(linters, exported)
    assert {tool for tool, *_ in unexplained(findings)} == {'redocly', 'spectral'}
