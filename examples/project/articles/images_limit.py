"""What an article's image may be: the limit every backend's schema declares."""

from dmr.files import FileLimit

IMAGE_TYPES = {'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp'}
"""The content types an image may declare, and the extension it is stored with."""

IMAGE_LIMIT = FileLimit(max_size=2 * 1024 * 1024, content_types=tuple(IMAGE_TYPES))
"""PNG, JPEG or WebP, at most 2 MiB, checked while the upload streams in."""
