"""``manage.py dmr_export_schema``, called as a management command from code."""

import io
import json
import pathlib
import tempfile

from django.core.management import call_command

# `openapi_build.router` is the dotted path of the router of "Building the document".
stdout = io.StringIO()
call_command('dmr_export_schema', 'openapi_build.router', stdout=stdout)
# Without --openapi-version: DMR_SETTINGS['openapi'], or OpenAPIConfig()'s 3.1.0.
assert json.loads(stdout.getvalue())['openapi'] == '3.1.0'

with tempfile.TemporaryDirectory() as folder:
    output = pathlib.Path(folder) / 'openapi.yaml'  # .yaml or .yml: YAML
    call_command(
        'dmr_export_schema',
        'openapi_build.router',
        '--output',
        str(output),
        '--openapi-version',
        '3.0.3',
        stdout=io.StringIO(),
    )
    assert output.read_text().startswith('openapi: "3.0.3"\n')

# A document already built is written as it is.
stdout = io.StringIO()
call_command('dmr_export_schema', 'openapi_build.schema', '--format', 'yaml', stdout=stdout)
assert 'title: Pet shop\n' in stdout.getvalue()
