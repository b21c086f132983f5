"""Reading seller feedback reports: layouts, languages, encodings, dates by marketplace,
bad rows and files refused whole."""

from __future__ import annotations

import io
import tracemalloc
from datetime import date

import pytest

from tests.helpers import Row, order_id, report_bytes
from workflow.intake.report import FeedbackReport, FeedbackRow, MalformedReport, RejectedRow, parse_report_date

TODAY = date(2026, 11, 20)
COMMENTS = {
    "US": "Arrived two weeks late, box was crushed.",
    "UK": "Parcel never turned up, had to chase the courier.",
    "DE": "Verpackung völlig zerdrückt, Ware beschädigt. Größe stimmt nicht.",
    "FR": "Colis arrivé très en retard, emballage abîmé. Déçu.",
    "ES": "El envío llegó tarde y la caja estaba rota. Pésimo.",
    "JP": "商品が破損していました。梱包がひどいです。",
}
ENCODINGS = {"US": "utf-8", "UK": "utf-8", "DE": "cp1252", "FR": "cp1252", "ES": "utf-8", "JP": "cp932"}


def rows(marketplace: str) -> list[Row]:
    # Days above 12 so that a month-first/day-first swap cannot go unnoticed.
    return [
        Row(date(2026, 10, 31), 1, COMMENTS[marketplace], order_id(1), "x7k2@marketplace.amazon.com"),
        Row(date(2026, 11, 13), 2, COMMENTS[marketplace] + " 2", order_id(2)),
        Row(date(2026, 9, 2), 3, "OK.", order_id(3), "Q9@marketplace.amazon.de"),
    ]


def read(data: bytes, marketplace: str, **options) -> tuple[FeedbackReport, list[FeedbackRow], list[RejectedRow]]:
    report = FeedbackReport(io.BytesIO(data), marketplace, today=TODAY, **options)
    items = list(report)
    return (
        report,
        [i for i in items if isinstance(i, FeedbackRow)],
        [i for i in items if isinstance(i, RejectedRow)],
    )


@pytest.mark.parametrize("marketplace", sorted(COMMENTS))
@pytest.mark.parametrize("layout", [6, 9])
def test_each_marketplace_reads_in_its_language_encoding_and_date_format(marketplace, layout):
    data = report_bytes(rows(marketplace), marketplace, encoding=ENCODINGS[marketplace], layout=layout)
    report, good, rejected = read(data, marketplace)
    assert rejected == []
    assert report.layout == layout and report.has_header
    assert [(r.published_on, r.rating, r.comment, r.order_id, r.rater_email) for r in good] == [
        (date(2026, 10, 31), 1, COMMENTS[marketplace], order_id(1), "x7k2@marketplace.amazon.com"),
        (date(2026, 11, 13), 2, COMMENTS[marketplace] + " 2", order_id(2), None),
        (date(2026, 9, 2), 3, "OK.", order_id(3), "q9@marketplace.amazon.de"),
    ]
    assert [r.line for r in good] == [2, 3, 4]


def test_encoding_is_detected_not_assumed():
    de = read(report_bytes(rows("DE"), "DE", encoding="cp1252"), "DE")[0]
    jp = read(report_bytes(rows("JP"), "JP", encoding="cp932"), "JP")[0]
    uk = read(report_bytes(rows("UK"), "UK", encoding="utf-8"), "UK")[0]
    assert (de.encoding, jp.encoding, uk.encoding) == ("cp1252", "cp932", "utf-8-sig")


def test_the_charset_given_wins_over_detection():
    data = report_bytes(rows("FR"), "FR", encoding="latin-1")
    report, good, _ = read(data, "FR", charset="ISO-8859-1")
    assert report.encoding == "cp1252"  # the superset Windows writes under that label
    assert good[0].comment == COMMENTS["FR"]


def test_bom_crlf_quoted_fields_and_trailing_blank_lines():
    tricky = Row(date(2026, 11, 14), 1, 'Said "next day",\tit took\r\nthree weeks', order_id(9))
    data = report_bytes([tricky, *rows("UK")], "UK", bom=True, newline="\r\n", trailing_blank_lines=3)
    report, good, rejected = read(data, "UK")
    assert rejected == []
    assert good[0].comment == 'Said "next day",\tit took\r\nthree weeks'
    # The quoted comment spans two lines: the next row starts on line 4.
    assert [r.line for r in good] == [2, 4, 5, 6]
    assert good[1].published_on == date(2026, 10, 31)


def test_a_file_without_header_starts_with_its_first_row():
    report, good, _ = read(report_bytes(rows("DE"), "DE", header=False), "DE")
    assert not report.has_header
    assert [r.line for r in good] == [1, 2, 3]


def test_gzip_documents_are_read_as_they_come():
    _, good, _ = read(report_bytes(rows("JP"), "JP", encoding="cp932", compress=True), "JP")
    assert good[0].comment == COMMENTS["JP"]


def test_the_marketplace_decides_day_and_month():
    assert parse_report_date("3/4/26", "US") == date(2026, 3, 4)
    assert parse_report_date("3/4/26", "UK") == date(2026, 4, 3)
    assert parse_report_date("3.4.26", "DE") == date(2026, 4, 3)
    assert parse_report_date("2026-04-03", "SE") == date(2026, 4, 3)
    assert parse_report_date("26/4/3", "JP") == date(2026, 4, 3)
    assert parse_report_date("3/4/2026", "IT") == date(2026, 4, 3)
    with pytest.raises(ValueError, match="not written D/M/YY"):
        parse_report_date("2026-04-03", "FR")
    with pytest.raises(ValueError, match="not a calendar date"):
        parse_report_date("10/31/26", "UK")  # a US date in a UK file is not swapped into shape


def test_bad_rows_are_listed_and_the_good_ones_kept():
    good_rows = rows("UK")
    data = (
        report_bytes(good_rows, "UK")
        + "\t".join(["10/31/26", "1", "US date in a UK file", "", order_id(20), ""]).encode()
        + b"\n"
        + "\t".join(["1/12/26", "1", "future", "", order_id(21), ""]).encode()
        + b"\n"
        + "\t".join(["1/11/26", "x", "no rating", "", order_id(22), ""]).encode()
        + b"\n"
        + "\t".join(["1/11/26", "1", "bad order", "", "12-34", ""]).encode()
        + b"\n"
        + b"only\ttwo\n"
    )
    _, good, rejected = read(data, "UK")
    assert len(good) == 3
    assert [(r.line, r.reason) for r in rejected] == [
        (5, "date '10/31/26' is not a calendar date when read D/M/YY (the UK format)"),
        (6, "date 2026-12-01 is in the future"),
        (7, "rating 'x' is not a number of stars from 1 to 5"),
        (8, "order id '12-34' is not an Amazon order id like 123-1234567-1234567"),
        (9, "has 2 columns where the file's header has 6"),
    ]


def test_rows_outside_the_stated_period_are_rejected():
    _, good, rejected = read(
        report_bytes(rows("US"), "US"), "US", covers_from=date(2026, 10, 1), covers_to=date(2026, 11, 20)
    )
    assert [r.order_id for r in good] == [order_id(1), order_id(2)]
    assert rejected == [
        RejectedRow(4, "date 2026-09-02 is outside the period the report covers (2026-10-01 to 2026-11-20)")
    ]


BAD_BYTES = b"\x81\x7f\x85"  # undefined in Windows-1252 and in cp932, invalid UTF-8


def _with_undecodable_row(data: bytes) -> bytes:
    row = "\t".join(["26/11/2", "1", "ok", "", order_id(30), ""]).encode("cp932")
    return data + row.replace(b"ok", BAD_BYTES) + b"\n"


def test_undecodable_bytes_reject_their_row_only():
    data = _with_undecodable_row(report_bytes(rows("JP"), "JP", encoding="cp932"))
    _, good, rejected = read(data, "JP", charset="Shift_JIS")
    assert len(good) == 3
    assert rejected == [RejectedRow(5, "is not valid cp932 text (or contains NUL characters)")]


def test_undecodable_bytes_after_the_detection_prefix_reject_their_row_only():
    many = [Row(date(2026, 11, 13), 1, COMMENTS["JP"] * 4, order_id(n)) for n in range(3000)]
    data = _with_undecodable_row(report_bytes(many, "JP", encoding="cp932"))
    report, good, rejected = read(data, "JP")
    assert report.encoding == "cp932" and len(good) == 3000
    assert rejected == [RejectedRow(3002, "is not valid cp932 text (or contains NUL characters)")]


def test_a_file_in_no_known_encoding_is_refused_whole():
    with pytest.raises(MalformedReport, match="not text in UTF-8, Windows-1252"):
        FeedbackReport(
            io.BytesIO(_with_undecodable_row(report_bytes(rows("JP"), "JP", encoding="cp932"))), "JP", today=TODAY
        )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"\n\n\r\n", "the file is empty"),
        (b"Date,Rating,Comments\n1/2/26,1,late\n", "line 1 has 1 tab-separated columns (is it comma-separated?"),
        (b"a\tb\tc\n1\t2\t3\n", "line 1 has 3 tab-separated columns"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is binary"),
    ],
)
def test_malformed_files_are_refused_whole(data, reason):
    with pytest.raises(MalformedReport) as refusal:
        FeedbackReport(io.BytesIO(data), "US", today=TODAY)
    assert reason in refusal.value.detail
    assert refusal.value.status == 422


def test_a_file_whose_first_rows_are_all_unreadable_is_refused_whole():
    # A US report uploaded as German: no date reads as D.M.YY.
    with pytest.raises(MalformedReport, match=r"none of the first 3 rows .*dates there are written D\.M\.YY"):
        FeedbackReport(io.BytesIO(report_bytes(rows("US"), "US")), "DE", today=TODAY)


def test_an_unknown_charset_is_refused():
    with pytest.raises(MalformedReport, match="charset 'x-unknown'"):
        FeedbackReport(io.BytesIO(report_bytes(rows("US"), "US")), "US", today=TODAY, charset="x-unknown")


def _peak_reading(row_count: int) -> int:
    row = Row(date(2026, 11, 13), 1, "Arrived late and the box was crushed " * 3, order_id(1))
    body = "\t".join(row.fields("US", 6)).encode() + b"\n"

    class Repeating(io.RawIOBase):
        """A report of `row_count` identical rows, produced as it is read (never whole in memory)."""

        def __init__(self) -> None:
            self.left = row_count

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            if self.left == 0:
                return 0
            count = min(self.left, len(buffer) // len(body))
            buffer[: count * len(body)] = body * count
            self.left -= count
            return count * len(body)

    tracemalloc.start()
    count = sum(1 for _ in FeedbackReport(io.BufferedReader(Repeating()), "US", today=TODAY))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == row_count
    return peak


def test_memory_does_not_grow_with_the_file():
    small, large = _peak_reading(5_000), _peak_reading(100_000)
    assert large < small * 1.2
