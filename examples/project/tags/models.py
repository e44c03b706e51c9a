from django.db import models


class Tag(models.Model):
    """A label, known by its unique slug."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=50)

    class Meta:
        ordering = ('slug',)

    def __str__(self) -> str:
        return self.slug
