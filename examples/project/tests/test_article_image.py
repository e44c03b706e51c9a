"""An article's image: a multipart PUT, stored under MEDIA_ROOT."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from articles.models import Article
from tests.helpers import write_article

pytestmark = pytest.mark.django_db

PNG = b'\x89PNG\r\n\x1a\n' + b'\x00' * 64


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def put_image(dmr_client, article, user, **fields):
    body = encode_multipart(BOUNDARY, fields)
    return dmr_client.generic(
        'PUT',
        f'/api/articles/{article.pk}/image/',
        body,
        MULTIPART_CONTENT,
        as_user=user,
    )


def image(content=PNG, content_type='image/png', name='../../cover.png'):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_the_author_uploads_an_image_stored_under_media_root(dmr_client, ada, media_root):
    response = put_image(dmr_client, write_article(ada, 'hello'), ada.account, image=image())

    assert response.status_code == 200, response.content
    assert response.json()['content_type'] == 'image/png'
    assert response.json()['size'] == len(PNG)
    article = Article.objects.get(slug='hello')
    assert article.image.name == f'articles/{article.pk}.png'
    assert (media_root / 'articles' / f'{article.pk}.png').read_bytes() == PNG


def test_a_new_image_replaces_the_old_file(dmr_client, ada, media_root):
    article = write_article(ada, 'hello')
    put_image(dmr_client, article, ada.account, image=image())

    response = put_image(
        dmr_client, article, ada.account, image=image(b'jpeg', 'image/jpeg', 'c.jpg')
    )

    assert response.status_code == 200, response.content
    assert sorted(path.name for path in (media_root / 'articles').iterdir()) == [
        f'{article.pk}.jpg',
    ]


def test_an_image_of_another_type_answers_400(dmr_client, ada):
    article = write_article(ada, 'hello')

    response = put_image(dmr_client, article, ada.account, image=image(b'GIF89a', 'image/gif'))

    assert response.status_code == 400
    assert response.json()['detail'][0]['loc'] == ['files', 'image']
    assert response.json()['detail'][0]['type'] == 'file_type_not_allowed'


def test_an_image_over_2_mib_answers_400(dmr_client, ada):
    article = write_article(ada, 'hello')

    too_large = image(b'x' * (2 * 1024 * 1024 + 1))

    response = put_image(dmr_client, article, ada.account, image=too_large)

    assert response.status_code == 400
    assert response.json()['detail'][0]['type'] == 'file_too_large'


def test_a_missing_image_answers_400(dmr_client, ada):
    response = put_image(dmr_client, write_article(ada, 'hello'), ada.account, title='no file')

    assert response.status_code == 400
    assert [detail['loc'] for detail in response.json()['detail']] == [['files', 'image']]


def test_another_author_answers_403(dmr_client, ada, grace):
    response = put_image(dmr_client, write_article(ada, 'hello'), grace.account, image=image())

    assert response.status_code == 403


def test_an_anonymous_upload_answers_401(client, ada):
    article = write_article(ada, 'hello')
    body = encode_multipart(BOUNDARY, {'image': image()})

    response = client.generic('PUT', f'/api/articles/{article.pk}/image/', body, MULTIPART_CONTENT)

    assert response.status_code == 401
