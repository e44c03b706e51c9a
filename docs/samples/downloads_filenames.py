"""File names are made safe before they reach ``Content-Disposition`` (RFC 6266)."""

import io

from dmr.downloads import FileDownload, content_disposition

# Plain ASCII stays as it is.
assert content_disposition('report.csv') == 'attachment; filename="report.csv"'
# Other names get an ASCII fallback and the exact name in `filename*`.
assert content_disposition('résumé.pdf', disposition='inline') == (
    'inline; filename="r_sum_.pdf"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.pdf'
)
assert content_disposition('say "hi".txt') == (
    'attachment; filename="say _hi_.txt"; filename*=UTF-8\'\'say%20%22hi%22.txt'
)
# No directories, no line breaks (no header injection), never an empty name.
assert content_disposition('../../etc/passwd') == 'attachment; filename="passwd"'
assert content_disposition('a\r\nSet-Cookie: x=1') == 'attachment; filename="aSet-Cookie: x=1"'
assert content_disposition('..') == 'attachment; filename="download"'

# FileDownload applies it to the name it is given, or to the file's own name.
response = FileDownload(io.BytesIO(b'%PDF-'), filename='C:\\Users\\ada\\Q1 résumé.pdf')
assert response['Content-Type'] == 'application/pdf'
assert response['Content-Disposition'] == (
    'attachment; filename="Q1 r_sum_.pdf"; filename*=UTF-8\'\'Q1%20r%C3%A9sum%C3%A9.pdf'
)
