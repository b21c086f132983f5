"""Reading Amazon's seller feedback report (`GET_SELLER_FEEDBACK_DATA`) as a stream.

The report is tab-separated, one row per 1-3 star feedback, its header translated per
marketplace, so columns are read by position: six in the current layout, nine in the older one.
Dates follow the marketplace's own format, which the caller names; the reader never guesses
month-first or day-first. The encoding is the one given (a download's Content-Type charset) or
detected by charset-normalizer from a bounded prefix, so memory stays flat however long the file.

What is wrong with the file as a whole (undecodable, not tab-separated into 6 or 9 columns, no
row of its first ones readable) raises `MalformedReport` before the first row is handed out;
what is wrong with single rows comes out as `RejectedRow`s between the good `FeedbackRow`s.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

import charset_normalizer

from workflow.errors import DomainError
from workflow.policy import ORDER_ID_PATTERN

# The layouts by column count: where each field is.
CURRENT_LAYOUT = 6  # date, rating, comments, your response, order id, rater email
OLDER_LAYOUT = 9  # date, rating, comments, your response, arrived on time, item as described,
#                   customer service, order id, rater email
_ORDER_COLUMN = {CURRENT_LAYOUT: 4, OLDER_LAYOUT: 7}

# How each marketplace writes a date; every marketplace not named writes D/M/YY.
DATE_FORMATS = {"US": "M/D/YY", "DE": "D.M.YY", "SE": "YYYY-MM-DD", "JP": "YY/M/D"}
DEFAULT_DATE_FORMAT = "D/M/YY"
_DATE_PATTERNS = {
    "M/D/YY": r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})",
    "D/M/YY": r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}|\d{2})",
    "D.M.YY": r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})",
    "YYYY-MM-DD": r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",
    "YY/M/D": r"(?P<y>\d{4}|\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})",
}
_DATE_REGEXES = {name: re.compile(pattern + r"\Z") for name, pattern in _DATE_PATTERNS.items()}

# Documented as UTF-8; seen as Windows-1252 (ISO-8859-1) in Europe and cp932 (Shift_JIS) in Japan.
ENCODING_CANDIDATES = ("utf_8", "cp1252", "cp932")
# Enough to detect the encoding and check the first rows; the rest of the file is streamed.
PREFIX_BYTES = 256 * 1024
# How many of the first rows are looked at before anything is handed out: if none of them is
# readable the file is refused whole (a wrong marketplace, a different kind of report).
PROBE_ROWS = 50
_GZIP_MAGIC = b"\x1f\x8b"
DATE_CACHE_SIZE = 10_000
_ORDER_ID = re.compile(ORDER_ID_PATTERN)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Undecodable bytes come through as lone surrogates (surrogateescape); NUL no database stores.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class MalformedReport(DomainError):
    status = 422
    slug = "malformed-report"
    title = "The file is not a readable seller feedback report"


@dataclass(frozen=True, slots=True)
class FeedbackRow:
    line: int
    published_on: date
    rating: int
    comment: str
    order_id: str
    rater_email: str | None


@dataclass(frozen=True, slots=True)
class RejectedRow:
    line: int
    reason: str


def date_format(marketplace: str) -> str:
    return DATE_FORMATS.get(marketplace, DEFAULT_DATE_FORMAT)


def parse_report_date(text: str, marketplace: str) -> date:
    """The date as the marketplace writes it; ValueError says what was expected."""
    name = date_format(marketplace)
    match = _DATE_REGEXES[name].match(text)
    if match is None:
        raise ValueError(f"date {text!r} is not written {name} (the {marketplace} format)")
    year = int(match["y"])
    try:
        return date(year + 2000 if year < 100 else year, int(match["m"]), int(match["d"]))
    except ValueError:
        raise ValueError(f"date {text!r} is not a calendar date when read {name} (the {marketplace} format)") from None


class _Prefixed(io.RawIOBase):
    """The bytes already read for detection, then the rest of the stream."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = memoryview(prefix)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._prefix:
            count = min(len(buffer), len(self._prefix))
            buffer[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_prefix(stream: BinaryIO) -> bytes:
    chunks, size = [], 0
    while size < PREFIX_BYTES:
        chunk = stream.read(PREFIX_BYTES - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


# Labels read as the superset Windows writes, as browsers do (WHATWG Encoding): a file labelled
# ISO-8859-1 holds Windows-1252 quotes and dashes, one labelled Shift_JIS cp932's extra signs;
# utf-8-sig reads UTF-8 with or without a byte order mark.
_READ_AS = {"iso8859-1": "cp1252", "shift_jis": "cp932", "utf-8": "utf-8-sig"}


def _codec_name(charset: str) -> str:
    try:
        name = codecs.lookup(charset.strip().strip('"')).name
    except LookupError:
        raise MalformedReport(f"the charset {charset!r} is not one this product knows") from None
    return _READ_AS.get(name, name)


def detect_encoding(prefix: bytes, charset: str | None = None) -> str:
    """The codec to read the file with: the given charset, else what charset-normalizer finds
    among the encodings the report comes in. The prefix is cut at its last line break so a
    character split by the cut cannot spoil the detection."""
    if charset:
        return _codec_name(charset)
    if prefix.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    sample = prefix[: prefix.rfind(b"\n") + 1] or prefix
    best = charset_normalizer.from_bytes(sample, cp_isolation=list(ENCODING_CANDIDATES)).best()
    if best is None:
        raise MalformedReport(
            "the file is not text in UTF-8, Windows-1252 (ISO-8859-1) or Shift_JIS (cp932), the encodings "
            "Amazon writes the report in: download the report again, or save it as UTF-8 text"
        )
    return _codec_name(best.encoding)


class FeedbackReport:
    """One report file, read once, row by row.

    Opening it reads a bounded prefix (decompressing a GZIP document on the way), detects the
    encoding, tells the layout from the first line and checks the first rows; iterating yields
    `FeedbackRow`s and `RejectedRow`s in file order.
    """

    def __init__(
        self,
        stream: BinaryIO,
        marketplace: str,
        *,
        today: date,
        covers_from: date | None = None,
        covers_to: date | None = None,
        charset: str | None = None,
    ) -> None:
        self.marketplace = marketplace
        self.today = today
        self.covers_from = covers_from
        self.covers_to = covers_to
        prefix = _read_prefix(stream)
        if prefix.startswith(_GZIP_MAGIC):
            stream = gzip.GzipFile(fileobj=_Prefixed(prefix, stream), mode="rb")
            prefix = _read_prefix(stream)
        if not prefix.strip():
            raise MalformedReport("the file is empty: a feedback report has at least its header line")
        if b"\x00" in prefix:
            raise MalformedReport(
                "the file is binary, not tab-separated text: upload the report as Amazon delivers it (.txt or .tsv)"
            )
        self.encoding = detect_encoding(prefix, charset)
        text = io.TextIOWrapper(
            io.BufferedReader(_Prefixed(prefix, stream)), encoding=self.encoding, errors="surrogateescape", newline=""
        )
        self._reader = csv.reader(text, delimiter="\t", quotechar='"', strict=False)
        # A report has a few hundred distinct dates at most: each is judged once.
        self._dates: dict[str, date | str] = {}
        self._probed = self._probe()

    @property
    def layout(self) -> int:
        return self._columns

    def _records(self) -> Iterator[tuple[int, list[str] | None, str | None]]:
        """(first line number, fields, None), or (line, None, reason) for a line csv cannot
        split; blank lines are skipped."""
        while True:
            first_line = self._reader.line_num + 1
            try:
                fields = next(self._reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield first_line, None, f"cannot be split into fields: {error}"
                continue
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue
            yield first_line, fields, None

    def _probe(self) -> list[FeedbackRow | RejectedRow]:
        self._records_iter = self._records()
        first = next(self._records_iter, None)
        if first is None:
            raise MalformedReport("the file is empty: a feedback report has at least its header line")
        line, fields, problem = first
        if problem or len(fields) not in (CURRENT_LAYOUT, OLDER_LAYOUT):
            count = 0 if fields is None else len(fields)
            hint = " (is it comma-separated? the report is tab-separated)" if count == 1 else ""
            raise MalformedReport(
                f"line {line} has {count} tab-separated columns{hint}; a seller feedback report has "
                f"{CURRENT_LAYOUT} (date, rating, comments, your response, order id, rater email) or "
                f"{OLDER_LAYOUT} in the older layout"
            )
        self._columns = len(fields)
        self._order_column = _ORDER_COLUMN[self._columns]
        self.has_header = not fields[1].strip().isdigit()
        probed: list[FeedbackRow | RejectedRow] = [] if self.has_header else [self._row(line, fields)]
        while len(probed) < PROBE_ROWS:
            record = next(self._records_iter, None)
            if record is None:
                break
            probed.append(self._item(*record))
        if probed and all(isinstance(item, RejectedRow) for item in probed):
            reasons = "; ".join(f"line {r.line}: {r.reason}" for r in probed[:3])
            raise MalformedReport(
                f"none of the first {len(probed)} rows can be read as {self.marketplace} feedback ({reasons}); "
                f"check the marketplace (dates there are written {date_format(self.marketplace)})"
            )
        return probed

    def __iter__(self) -> Iterator[FeedbackRow | RejectedRow]:
        yield from self._probed
        self._probed = []
        for record in self._records_iter:
            yield self._item(*record)

    def _item(self, line: int, fields: list[str] | None, problem: str | None) -> FeedbackRow | RejectedRow:
        if problem is not None:
            return RejectedRow(line, problem)
        if len(fields) != self._columns:
            return RejectedRow(line, f"has {len(fields)} columns where the file's header has {self._columns}")
        return self._row(line, fields)

    def _date(self, text: str) -> date | str:
        """The date, or why the row cannot have it (unreadable, in the future, outside the
        period); remembered, within a bound that keeps memory flat."""
        verdict = self._dates.get(text)
        if verdict is None:
            verdict = self._judge_date(text)
            if len(self._dates) < DATE_CACHE_SIZE:
                self._dates[text] = verdict
        return verdict

    def _judge_date(self, text: str) -> date | str:
        try:
            published_on = parse_report_date(text, self.marketplace)
        except ValueError as error:
            return str(error)
        if published_on > self.today:
            return f"date {published_on.isoformat()} is in the future"
        if (self.covers_from and published_on < self.covers_from) or (self.covers_to and published_on > self.covers_to):
            return (
                f"date {published_on.isoformat()} is outside the period the report covers "
                f"({_period(self.covers_from, self.covers_to)})"
            )
        return published_on

    def _row(self, line: int, fields: list[str]) -> FeedbackRow | RejectedRow:
        if _UNSTORABLE.search("".join(fields)):
            return RejectedRow(line, f"is not valid {self.encoding} text (or contains NUL characters)")
        raw_rating = fields[1].strip()
        if raw_rating not in ("1", "2", "3", "4", "5"):
            return RejectedRow(line, f"rating {raw_rating!r} is not a number of stars from 1 to 5")
        order_id = fields[self._order_column].strip()
        if not _ORDER_ID.match(order_id):
            return RejectedRow(line, f"order id {order_id!r} is not an Amazon order id like 123-1234567-1234567")
        published_on = self._date(fields[0].strip())
        if isinstance(published_on, str):
            return RejectedRow(line, published_on)
        email = fields[-1].strip().lower()
        return FeedbackRow(
            line, published_on, int(raw_rating), fields[2].strip(), order_id, email if _EMAIL.match(email) else None
        )


def _period(covers_from: date | None, covers_to: date | None) -> str:
    return (
        f"{covers_from.isoformat() if covers_from else 'any date'} to {covers_to.isoformat() if covers_to else 'today'}"
    )
