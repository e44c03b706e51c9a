"""``manage.py load_demo_data``: a few users, tags and articles to try the API on.

Each demo user has an account of ``django.contrib.auth`` to log in with: the
user name is the email, the password is in :data:`PASSWORDS` (and in the
README). It is a demo: never load this into a database others can reach.

It can run any number of times: each demo row is found by its unique email,
user name or slug and set back to its demo content (the password included),
and rows it did not create are left alone.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from tags.models import Tag
from users.models import User

USERS = (
    ('ada@example.com', 'Ada Lovelace', 'Writes about engines and what they compute.'),
    ('grace@example.com', 'Grace Hopper', 'Compilers, standards, and nanoseconds.'),
    ('alan@example.com', 'Alan Turing', ''),
)
PASSWORDS = {
    'ada@example.com': 'ada-demo-password',
    'grace@example.com': 'grace-demo-password',
    'alan@example.com': 'alan-demo-password',
}
"""The demo accounts' passwords, by user name (the email)."""
TAGS = (
    ('django', 'Django'),
    ('python', 'Python'),
    ('rest', 'REST'),
    ('openapi', 'OpenAPI'),
    ('async', 'Async'),
)
# slug, title, author's email, tags, published
ARTICLES = (
    ('typed-controllers', 'Typed controllers', 'ada@example.com', ('django', 'python'), True),
    ('pagination-done-right', 'Pagination done right', 'ada@example.com', ('rest',), True),
    ('documents-that-cannot-drift', 'Documents that cannot drift', 'grace@example.com',
     ('openapi', 'rest'), True),
    ('async-all-the-way', 'Async all the way down', 'grace@example.com',
     ('async', 'django', 'python'), True),
    ('a-draft', 'A draft nobody should read yet', 'alan@example.com', (), False),
)  # fmt: skip


class Command(BaseCommand):
    """Create or reset the demo rows."""

    help = 'Loads the demo users, tags and articles; safe to run again.'

    @transaction.atomic
    def handle(self, *_args: Any, **_options: Any) -> None:
        """Write every demo row, then say how many are new."""
        created = 0
        users = {}
        accounts = get_user_model()._default_manager
        for email, name, bio in USERS:
            account, new = accounts.get_or_create(username=email, defaults={'email': email})
            account.set_password(PASSWORDS[email])
            account.is_active = True
            account.save()
            created += new
            users[email], new = User.objects.update_or_create(
                email=email,
                defaults={'name': name, 'bio': bio, 'account': account},
            )
            created += new
        tags = {}
        for slug, name in TAGS:
            tags[slug], new = Tag.objects.update_or_create(slug=slug, defaults={'name': name})
            created += new
        for slug, title, email, tag_slugs, published in ARTICLES:
            article, new = Article.objects.update_or_create(
                slug=slug,
                defaults={
                    'title': title,
                    'body': f'The demo text of "{title}".',
                    'author': users[email],
                    'published': published,
                },
            )
            article.tags.set([tags[tag] for tag in tag_slugs])
            created += new
        total = 2 * len(USERS) + len(TAGS) + len(ARTICLES)
        self.stdout.write(f'Demo data: {created} rows created, {total - created} already there.')
