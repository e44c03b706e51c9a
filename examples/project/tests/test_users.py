import pytest

from articles.models import Article
from tests.helpers import locs, write_article
from users.models import User
from users.schemas import UserIn, UserOut

pytestmark = pytest.mark.django_db

USERS = '/api/users/'


def test_create_answers_201_with_the_user_and_stores_the_email_in_lowercase(dmr_client, editor):
    response = dmr_client.post(
        USERS, {'email': 'Ada@Example.COM', 'name': 'Ada Lovelace'}, as_user=editor
    )

    assert response.status_code == 201
    body = response.json()
    assert body | {'created_at': None} == {
        'id': body['id'],
        'email': 'ada@example.com',
        'name': 'Ada Lovelace',
        'bio': '',
        'created_at': None,
    }
    assert User.objects.get(pk=body['id']).email == 'ada@example.com'


def test_a_user_created_from_the_backends_model_reads_back_as_one(dmr_client, editor):
    """The test client writes the backend's own model, and decodes the answer into one."""
    response = dmr_client.post(
        USERS, UserIn(email='Ada@Example.COM', name='Ada Lovelace'), as_user=editor
    )

    assert response.status_code == 201
    user = dmr_client.decode(response, UserOut)
    assert (user.id, user.email, user.name, user.bio) == (
        User.objects.get().pk,
        'ada@example.com',
        'Ada Lovelace',
        '',
    )


def test_create_with_a_taken_email_answers_409_in_any_case(dmr_client, editor, ada):
    response = dmr_client.post(
        USERS, {'email': 'ADA@example.com', 'name': 'Another Ada'}, as_user=editor
    )

    assert response.status_code == 409
    assert response.json() == {
        'detail': [
            {
                'msg': 'A user with this email already exists',
                'loc': ['body', 'email'],
                'type': 'api_error',
            },
        ],
    }
    assert User.objects.count() == 1


def test_create_with_an_invalid_email_answers_400(dmr_client, editor):
    response = dmr_client.post(USERS, {'email': 'not an email', 'name': 'Ada'}, as_user=editor)

    assert response.status_code == 400
    assert response.json()['detail'][0] | {'msg': None} == {
        'msg': None,
        'loc': ['body', 'email'],
        'type': 'pattern_mismatch',
    }


@pytest.mark.parametrize(
    ('payload', 'loc', 'error_type'),
    [
        ({'email': 'ada@example.com'}, ['body', 'name'], 'missing'),
        (
            {'email': 'ada@example.com', 'name': 'Ada', 'admin': True},
            ['body', 'admin'],
            'extra_forbidden',
        ),
        ({'email': 'ada@example.com', 'name': ''}, ['body', 'name'], 'too_short'),
        (
            {'email': 'ada@example.com', 'name': 'Ada', 'bio': 'b' * 501},
            ['body', 'bio'],
            'too_long',
        ),
        ({'email': 42, 'name': 'Ada'}, ['body', 'email'], 'type_error'),
    ],
)
def test_create_with_an_invalid_body_answers_400(dmr_client, editor, payload, loc, error_type):
    response = dmr_client.post(USERS, payload, as_user=editor)

    assert response.status_code == 400
    assert [(d['loc'], d['type']) for d in response.json()['detail']] == [(loc, error_type)]
    assert not User.objects.exists()


def test_a_bio_of_500_characters_is_kept_whole(dmr_client, editor):
    """The longest bio the API takes is stored and answered in full."""
    bio = '\U0001f600' * 500
    response = dmr_client.post(
        USERS, {'email': 'ada@example.com', 'name': 'Ada', 'bio': bio}, as_user=editor
    )

    assert response.status_code == 201
    assert response.json()['bio'] == bio
    assert User.objects.get().bio == bio


def test_create_with_malformed_json_answers_400(dmr_client, editor, db):
    response = dmr_client.post(USERS, b'{"email": ', as_user=editor)

    assert response.status_code == 400
    assert response.json()['detail'][0]['type'] == 'parse_error'


def test_read_answers_the_user(client, ada):
    response = client.get(f'{USERS}{ada.pk}/')

    assert response.status_code == 200
    assert response.json()['email'] == 'ada@example.com'


def test_read_an_unknown_id_answers_404(client, db):
    response = client.get(f'{USERS}999/')

    assert response.status_code == 404
    assert response.json() == {
        'detail': [{'msg': 'No user has id 999', 'loc': ['path', 'user_id'], 'type': 'not_found'}],
    }


def test_replace_answers_the_new_user(dmr_client, ada):
    response = dmr_client.put(
        f'{USERS}{ada.pk}/',
        {'email': 'ada@example.org', 'name': 'A. L.', 'bio': 'x'},
        as_user=ada.account,
    )

    assert response.status_code == 200
    assert response.json() | {'created_at': None} == {
        'id': ada.pk,
        'email': 'ada@example.org',
        'name': 'A. L.',
        'bio': 'x',
        'created_at': None,
    }


def test_replace_keeping_ones_own_email_is_no_conflict(dmr_client, ada):
    response = dmr_client.put(
        f'{USERS}{ada.pk}/', {'email': 'ada@example.com', 'name': 'Ada'}, as_user=ada.account
    )

    assert response.status_code == 200


def test_replace_with_the_email_of_another_user_answers_409(dmr_client, ada, grace):
    response = dmr_client.put(
        f'{USERS}{ada.pk}/', {'email': 'grace@example.com', 'name': 'Ada'}, as_user=ada.account
    )

    assert response.status_code == 409
    assert User.objects.get(pk=ada.pk).email == 'ada@example.com'


def test_replace_an_unknown_id_answers_404(dmr_client, editor):
    response = dmr_client.put(
        f'{USERS}999/', {'email': 'ada@example.com', 'name': 'Ada'}, as_user=editor
    )

    assert response.status_code == 404


def test_delete_answers_204_and_deletes_the_users_articles(dmr_client, ada, grace):
    write_article(ada, 'by-ada')
    write_article(grace, 'by-grace')

    response = dmr_client.delete(f'{USERS}{ada.pk}/', as_user=ada.account)

    assert (response.status_code, response.content) == (204, b'')
    assert list(User.objects.values_list('email', flat=True)) == ['grace@example.com']
    assert list(Article.objects.values_list('slug', flat=True)) == ['by-grace']


def test_delete_an_unknown_id_answers_404(dmr_client, editor):
    assert dmr_client.delete(f'{USERS}999/', as_user=editor).status_code == 404


@pytest.fixture
def many_users(db):
    User.objects.bulk_create(
        User(email=f'user{number:02}@example.com', name=f'User {number}') for number in range(25)
    )


def test_list_answers_a_page_with_its_position(client, many_users):
    response = client.get(USERS, {'page': 3, 'per_page': 10})

    assert response.status_code == 200
    body = response.json()
    assert [user['name'] for user in body.pop('items')] == [f'User {n}' for n in range(20, 25)]
    assert body == {'page': 3, 'per_page': 10, 'total': 25, 'pages': 3}


def test_list_defaults_to_the_first_page_of_twenty(client, many_users):
    body = client.get(USERS).json()

    assert (len(body['items']), body['page'], body['per_page'], body['pages']) == (20, 1, 20, 2)


def test_list_of_no_users_is_one_empty_page(client, db):
    assert client.get(USERS).json() == {
        'items': [],
        'page': 1,
        'per_page': 20,
        'total': 0,
        'pages': 1,
    }


def test_page_zero_answers_400(client, many_users):
    response = client.get(USERS, {'page': 0})

    assert response.status_code == 400
    assert response.json()['detail'][0] | {'msg': None} == {
        'msg': None,
        'loc': ['query', 'page'],
        'type': 'out_of_range',
    }


def test_a_page_past_the_end_answers_404(client, many_users):
    response = client.get(USERS, {'page': 4, 'per_page': 10})

    assert response.status_code == 404
    assert response.json() == {
        'detail': [
            {
                'msg': 'Page 4 does not exist; the last page is 3',
                'loc': ['query', 'page'],
                'type': 'out_of_range',
            },
        ],
    }


@pytest.mark.parametrize('per_page', ['0', '101', 'ten'])
def test_per_page_out_of_bounds_answers_400(client, db, per_page):
    response = client.get(USERS, {'per_page': per_page})

    assert response.status_code == 400
    assert locs(response) == [['query', 'per_page']]


def test_search_matches_the_email_or_the_name_in_any_case(client, ada, grace):
    User.objects.create(email='hopper@example.net', name='Someone')

    found = client.get(USERS, {'search': 'HOPPER'}).json()['items']

    assert [user['email'] for user in found] == ['grace@example.com', 'hopper@example.net']
