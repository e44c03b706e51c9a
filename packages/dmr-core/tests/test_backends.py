"""Finding serializer backends through real (if tiny) installed distributions.

Each test installs fake distributions into a temporary directory on
``sys.path``: a ``*.dist-info`` folder with ``METADATA`` and
``entry_points.txt``, next to the module its entry points name. That is all
``importlib.metadata`` reads, so discovery runs exactly as it does for a
backend installed with pip.
"""

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from dmr import backends
from dmr.backends import (
    ENTRY_POINT_GROUP,
    BackendError,
    installed_backends,
    resolve_serializer,
)
from tests.stub_backend import StubSerializer

SERIALIZER_MODULE = """
from tests.stub_backend import StubSerializer

class FakeSerializer(StubSerializer):
    name = {name!r}

def not_a_class():
    pass

instance = FakeSerializer()
"""


class Site:
    """A directory on ``sys.path`` into which fake backends are installed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.modules: list[str] = []

    def install(
        self,
        dist: str,
        entry_points: dict[str, str],
        *,
        module: str | None = None,
        source: str | None = None,
    ) -> None:
        """Install distribution ``dist`` declaring ``entry_points``.

        ``module`` is written with ``source`` (a ``FakeSerializer`` by default).
        """
        # The folder is named as installers name it: the name's dashes become
        # underscores, or importlib.metadata mistakes the name's tail for the
        # version and merges distributions that share a prefix.
        info = self.root / f'{dist.replace("-", "_")}-0.1.dist-info'
        info.mkdir()
        (info / 'METADATA').write_text(
            f'Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n',
        )
        lines = [f'{name} = {target}' for name, target in entry_points.items()]
        (info / 'entry_points.txt').write_text(
            f'[{ENTRY_POINT_GROUP}]\n' + '\n'.join(lines) + '\n',
        )
        if module is not None:
            if source is None:
                source = SERIALIZER_MODULE.format(name=dist)
            (self.root / f'{module}.py').write_text(textwrap.dedent(source))
            self.modules.append(module)


def open_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """Put ``tmp_path`` on ``sys.path``, with the backend caches cleared around."""
    monkeypatch.syspath_prepend(str(tmp_path))
    installed_backends.cache_clear()
    backends._instance.cache_clear()
    site = Site(tmp_path)
    yield site
    installed_backends.cache_clear()
    backends._instance.cache_clear()
    for module in site.modules:
        sys.modules.pop(module, None)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """A fresh directory to install fake backends into."""
    yield from open_site(tmp_path, monkeypatch)


def message(caught: pytest.ExceptionInfo[BaseException]) -> str:
    return str(caught.value)


def test_entry_points_are_found_by_name(site: Site) -> None:
    """An installed entry point is listed under its name."""
    site.install('dmr-fake', {'fake': 'fake_named:FakeSerializer'}, module='fake_named')
    assert list(installed_backends()) == ['fake']
    assert installed_backends()['fake'].value == 'fake_named:FakeSerializer'


def test_entry_point_name_resolves_to_a_backend_instance(site: Site) -> None:
    """``serializer='fake'`` loads the class its entry point names."""
    site.install('dmr-fake', {'fake': 'fake_by_name:FakeSerializer'}, module='fake_by_name')
    serializer = resolve_serializer('fake')
    assert type(serializer).__module__ == 'fake_by_name'
    assert serializer.name == 'dmr-fake'


def test_backend_is_instantiated_once(site: Site) -> None:
    """Resolving the same backend twice returns the same instance."""
    site.install('dmr-fake', {'fake': 'fake_once:FakeSerializer'}, module='fake_once')
    assert resolve_serializer('fake') is resolve_serializer('fake')


def test_only_installed_backend_is_the_default(site: Site) -> None:
    """With no setting and one backend installed, that backend is used."""
    site.install('dmr-solo', {'solo': 'fake_solo:FakeSerializer'}, module='fake_solo')
    assert type(resolve_serializer(None)).__module__ == 'fake_solo'


def test_no_backend_installed_is_an_error_with_the_install_command(site: Site) -> None:
    """With no backend installed, the error says what to ``pip install``."""
    with pytest.raises(BackendError) as caught:
        resolve_serializer(None)
    assert 'No serializer backend is installed' in message(caught)
    assert 'pip install dmr-core[msgspec]' in message(caught)


def test_several_backends_and_no_choice_is_an_error_listing_them(site: Site) -> None:
    """With several backends and no setting, the error lists them all."""
    site.install('dmr-alpha', {'alpha': 'fake_alpha:FakeSerializer'})
    site.install('dmr-beta', {'beta': 'fake_beta:FakeSerializer'})
    with pytest.raises(BackendError) as caught:
        resolve_serializer(None)
    assert "('alpha', 'beta')" in message(caught)
    assert "DMR_SETTINGS['serializer']" in message(caught)


def test_unknown_name_lists_installed_backends_and_the_install_command(
    site: Site,
) -> None:
    """An unknown name names what is installed and how to install it."""
    site.install('dmr-fake', {'fake': 'fake_other:FakeSerializer'})
    with pytest.raises(BackendError) as caught:
        resolve_serializer('nope')
    assert "'nope' is not installed" in message(caught)
    assert "Installed backends: 'fake'" in message(caught)
    assert "pip install the package that declares 'nope'" in message(caught)
    assert 'dmr-core[nope]' not in message(caught)


def test_unknown_name_with_nothing_installed_says_none(site: Site) -> None:
    """With nothing installed, the list of installed backends reads ``none``."""
    with pytest.raises(BackendError, match='Installed backends: none'):
        resolve_serializer('nope')


def test_one_name_claimed_by_two_distributions_is_an_error_naming_both(
    site: Site,
) -> None:
    """Two distributions naming different classes ``json`` is an error."""
    site.install('dmr-first', {'json': 'first_module:Serializer'})
    site.install('dmr-second', {'json': 'second_module:Serializer'})
    with pytest.raises(BackendError) as caught:
        installed_backends()
    text = message(caught)
    assert "Two serializer backends are named 'json'" in text
    assert 'first_module:Serializer (dmr-first)' in text
    assert 'second_module:Serializer (dmr-second)' in text


def test_one_name_with_the_same_target_twice_is_one_backend(site: Site) -> None:
    """Two distributions declaring the very same entry point do not clash."""
    site.install('dmr-first', {'json': 'shared_module:Serializer'})
    site.install('dmr-second', {'json': 'shared_module:Serializer'})
    assert list(installed_backends()) == ['json']


def test_entry_point_that_fails_to_import_is_an_error(site: Site) -> None:
    """A backend whose module raises on import fails loudly, with the cause."""
    site.install(
        'dmr-broken',
        {'broken': 'fake_broken:FakeSerializer'},
        module='fake_broken',
        source="raise RuntimeError('needs a library that is missing')\n",
    )
    with pytest.raises(BackendError) as caught:
        resolve_serializer('broken')
    assert "'broken' (fake_broken:FakeSerializer) failed to load" in message(caught)
    assert 'needs a library that is missing' in message(caught)
    assert isinstance(caught.value.__cause__, RuntimeError)


def test_entry_point_naming_a_missing_module_is_an_error(site: Site) -> None:
    """An entry point whose module is absent fails loudly."""
    site.install('dmr-ghost', {'ghost': 'no_such_ghost_module:Serializer'})
    with pytest.raises(BackendError) as caught:
        resolve_serializer('ghost')
    assert 'failed to load' in message(caught)
    assert isinstance(caught.value.__cause__, ModuleNotFoundError)


def test_dotted_path_resolves_to_a_backend_instance(site: Site) -> None:
    """A dotted path imports the class it names."""
    serializer = resolve_serializer('tests.stub_backend.StubSerializer')
    assert isinstance(serializer, StubSerializer)


def test_class_object_resolves_to_its_instance(site: Site) -> None:
    """A class given directly is instantiated."""
    assert type(resolve_serializer(StubSerializer)) is StubSerializer


def test_dotted_path_that_fails_to_import_is_an_error(site: Site) -> None:
    """A dotted path that does not import names itself and what is installed."""
    site.install('dmr-fake', {'fake': 'fake_unused:FakeSerializer'})
    with pytest.raises(BackendError) as caught:
        resolve_serializer('tests.stub_backend.NoSuchSerializer')
    assert "Cannot import serializer backend 'tests.stub_backend.NoSuchSerializer'" in (
        message(caught)
    )
    assert "Installed backends: 'fake'" in message(caught)


def test_dotted_path_whose_module_raises_is_an_error(site: Site) -> None:
    """A module that raises while importing is reported, not a raw crash."""
    site.install(
        'dmr-unused',
        {},
        module='fake_raising',
        source='1 / 0\n',
    )
    with pytest.raises(BackendError) as caught:
        resolve_serializer('fake_raising.FakeSerializer')
    assert isinstance(caught.value.__cause__, ZeroDivisionError)


def test_class_without_the_serializer_protocol_is_an_error(site: Site) -> None:
    """A class missing the contract's methods is refused, naming the class."""

    class NotASerializer:
        name = 'incomplete'

    with pytest.raises(BackendError) as caught:
        resolve_serializer(NotASerializer)
    assert 'NotASerializer does not implement' in message(caught)
    assert 'dmr.serializer.Serializer' in message(caught)


def test_class_that_fails_to_instantiate_is_an_error(site: Site) -> None:
    """A backend whose constructor raises is reported as a backend error."""

    class Failing(StubSerializer):
        def __init__(self) -> None:
            raise ValueError('no configuration')

    with pytest.raises(BackendError, match='failed to instantiate') as caught:
        resolve_serializer(Failing)
    assert isinstance(caught.value.__cause__, ValueError)


@pytest.mark.parametrize('target', ['not_a_class', 'instance'])
def test_entry_point_to_a_non_class_is_an_error(site: Site, target: str) -> None:
    """An entry point naming a function or an instance is refused."""
    site.install(
        'dmr-odd',
        {'odd': f'fake_odd_{target}:{target}'},
        module=f'fake_odd_{target}',
    )
    with pytest.raises(BackendError, match="'odd' must be a class"):
        resolve_serializer('odd')


def test_dotted_path_to_a_non_class_is_an_error(site: Site) -> None:
    """A dotted path naming something other than a class is refused."""
    with pytest.raises(BackendError, match='must be a class'):
        resolve_serializer('dmr.backends.ENTRY_POINT_GROUP')


def test_missing_bundled_backend_names_its_extra(site: Site) -> None:
    """A bundled backend that is not installed is one ``pip install dmr-core[NAME]`` away."""
    with pytest.raises(BackendError) as caught:
        resolve_serializer('pydantic')
    assert message(caught).endswith('Install it with: pip install dmr-core[pydantic]')
