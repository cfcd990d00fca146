"""gongbao: Chinese government gazettes (政府公报) as a searchable, linked public archive.

The parsing core is a plain library::

    from gongbao import parse_gazette
    gazette = parse_gazette(text)
    gazette.to_dict()   # the JSON contract of ``gongbao parse``
"""

from .errors import GongbaoError, InputError
from .models import Appointment, Attachment, Document, Gazette, IssueInfo, TocEntry
from .parse.gazette import parse_gazette
from .sources import read_text

__version__ = "0.1.0"


def parse_file(path, as_of=None) -> Gazette:
    """Read ``path`` (UTF-8 or GB18030 text) and parse it; raises :class:`InputError`.

    ``as_of`` (a ``datetime.date``, default today) is the date 时效性 is computed for.
    """
    return parse_gazette(read_text(path), source=str(path), as_of=as_of)


__all__ = [
    "Appointment",
    "Attachment",
    "Document",
    "Gazette",
    "GongbaoError",
    "InputError",
    "IssueInfo",
    "TocEntry",
    "__version__",
    "parse_file",
    "parse_gazette",
    "read_text",
]
