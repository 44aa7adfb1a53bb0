"""Publication dates as ISO 8601, from the many ways scrapers and feeds write them."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

_ISO_DATE_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)
# Day-first is the convention of Arabic-language outlets.
_DATE_ONLY_FORMATS = ("%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y", "%d.%m.%Y")
_EPOCH_RANGE = (0, 4_102_444_800)  # 1970 .. 2100, in seconds


def normalize_date(value: Any) -> str | None:
    """ISO 8601 for a date value in a common format, else None. ISO dates and
    datetimes are kept as given."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(value)
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if _ISO_DATE_RE.match(value):
        return value
    try:  # "2015-07-21 10:30:00" and other ISO variants
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:  # RFC 822, as in RSS: "Tue, 21 Jul 2015 10:30:00 +0300"
        return parsedate_to_datetime(value).isoformat()
    except (ValueError, TypeError, IndexError):
        pass
    for fmt in _DATE_ONLY_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _from_epoch(seconds: float) -> str | None:
    if seconds > _EPOCH_RANGE[1] * 1000 or seconds < _EPOCH_RANGE[0]:
        return None
    if seconds > _EPOCH_RANGE[1]:  # milliseconds, as JavaScript writes them
        seconds /= 1000
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
