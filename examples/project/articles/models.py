from django.db import models


class Article(models.Model):
    """An article: one author, any number of tags, a unique slug."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    body = models.CharField(max_length=10_000, blank=True, default='')
    author = models.ForeignKey('users.User', on_delete=models.CASCADE, related_name='articles')
    tags = models.ManyToManyField('tags.Tag', related_name='articles', blank=True)
    published = models.BooleanField(default=False)
    image = models.FileField(upload_to='articles/', blank=True, default='')
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.slug
