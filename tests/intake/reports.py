"""Seller feedback report files as Amazon writes them, built in the tests: headers in the
marketplace's language, its date format, its encoding."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import date

# Header lines per marketplace (ES and MX are only half translated, as Amazon ships them).
HEADERS = {
    "US": ["Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email"],
    "UK": ["Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email"],
    "DE": ["Datum", "Bewertung", "Kommentar", "Ihre Antwort", "Transaktionsnummer", "E-Mail des Bewertenden"],
    "FR": ["Date", "Évaluation", "Commentaires", "Votre réponse", "Numéro de commande", "E-mail de l'évaluateur"],
    "ES": ["Fecha", "Calificación", "Comentarios", "Your Response", "Order ID", "Rater Email"],
    "JP": ["日付", "評価", "コメント", "あなたの返答", "注文番号", "評価者のメールアドレス"],
}
OLDER_HEADER = [
    "Date", "Rating", "Comments", "Your Response", "Arrived on Time", "Item as Described",
    "Customer Service", "Order ID", "Rater Email",
]  # fmt: skip


def written(day: date, marketplace: str) -> str:
    """A date as the marketplace's report writes it."""
    yy = f"{day.year % 100:02d}"
    return {
        "US": f"{day.month}/{day.day}/{yy}",
        "DE": f"{day.day}.{day.month}.{yy}",
        "SE": day.isoformat(),
        "JP": f"{yy}/{day.month}/{day.day}",
    }.get(marketplace, f"{day.day}/{day.month}/{yy}")


@dataclass
class Row:
    published_on: date
    rating: int
    comment: str
    order_id: str
    rater_email: str = ""
    response: str = ""

    def fields(self, marketplace: str, layout: int) -> list[str]:
        head = [written(self.published_on, marketplace), str(self.rating), self.comment, self.response]
        middle = ["No", "No", "No"] if layout == 9 else []
        return [*head, *middle, self.order_id, self.rater_email]


def quoted(field: str) -> str:
    if any(c in field for c in '\t"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def report_text(
    rows: list[Row], marketplace: str, *, layout: int = 6, header: bool = True, newline: str = "\n"
) -> str:
    lines = []
    if header:
        lines.append(OLDER_HEADER if layout == 9 else HEADERS.get(marketplace, HEADERS["US"]))
    lines += [row.fields(marketplace, layout) for row in rows]
    return "".join("\t".join(quoted(f) for f in line) + newline for line in lines)


def report_bytes(
    rows: list[Row],
    marketplace: str,
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    compress: bool = False,
    trailing_blank_lines: int = 0,
    **layout,
) -> bytes:
    newline = layout.get("newline", "\n")
    data = (report_text(rows, marketplace, **layout) + newline * trailing_blank_lines).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    return gzip.compress(data) if compress else data


def order_id(n: int) -> str:
    return f"{100 + n % 900:03d}-{n % 10_000_000:07d}-{(n * 7919) % 10_000_000:07d}"
