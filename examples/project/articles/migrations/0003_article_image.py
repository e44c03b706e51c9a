from django.db import migrations, models


class Migration(migrations.Migration):
    """An article may carry an image, stored under MEDIA_ROOT."""

    dependencies = (('articles', '0002_body_max_length'),)

    operations = (
        migrations.AddField(
            model_name='article',
            name='image',
            field=models.FileField(blank=True, default='', upload_to='articles/'),
        ),
    )
