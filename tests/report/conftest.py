"""Fixtures for the résumé PDF tests: the seed's two résumés and ways to read a PDF back."""

import re
from datetime import date

import pdfplumber
import pytest

from skillmatrix.demo.generated import seed_staff
from skillmatrix.domain.defaults import load_defaults
from skillmatrix.report.options import PrintOptions

PRINT_DAY = date(2026, 11, 27)


@pytest.fixture(scope="session")
def definitions():
    """The default levels and categories (fresh ids, seed order)."""
    d = load_defaults()
    return list(d.levels), d.new_categories()


@pytest.fixture(scope="session")
def seed(definitions):
    """The seed document's two résumés: [藤沢 花子 (3 years), 湘南 太郎 (the veteran)]."""
    return seed_staff(definitions[1])


@pytest.fixture
def options():
    """Default options with a fixed print date."""
    return PrintOptions(print_date=PRINT_DAY)


def squash(text: str | None) -> str:
    """Removes all whitespace: PDF text wraps inside cells wherever the line ends."""
    return re.sub(r"\s+", "", text or "")


class ReadPdf:
    """A PDF read back with pdfplumber: page texts, ruled tables and footers."""

    def __init__(self, path):
        self.path = path
        with pdfplumber.open(path) as pdf:
            self.sizes = [(round(p.width), round(p.height)) for p in pdf.pages]
            self.texts = [p.extract_text() or "" for p in pdf.pages]
            # Each table: (page index, rows of cell texts), in page order.
            self.tables = [(i, t.extract()) for i, p in enumerate(pdf.pages) for t in p.find_tables()]
            self.footers = [p.crop((0, p.height - 28, p.width, p.height)).extract_text() for p in pdf.pages]
            self.char_sizes = {round(c["size"], 1) for p in pdf.pages for c in p.chars}
            self.out_of_frame = [
                (i, c["text"])
                for i, p in enumerate(pdf.pages)
                for c in p.chars
                if c["x0"] < 30 or c["x1"] > p.width - 30 or c["top"] < 10 or c["bottom"] > p.height - 10
            ]
            # Characters that a table's vertical rule runs through: text spilling out of
            # its cell.
            self.on_rules = [
                (i, c["text"])
                for i, p in enumerate(pdf.pages)
                for c in p.chars
                for e in p.edges
                if e["orientation"] == "v"
                and c["x0"] + 0.3 < e["x0"] < c["x1"] - 0.3
                and e["top"] < (c["top"] + c["bottom"]) / 2 < e["bottom"]
            ]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    def tables_headed(self, *header: str) -> list[tuple[int, list[list[str]]]]:
        """Returns the tables whose first row is header, cells squashed."""
        found = []
        for page, rows in self.tables:
            rows = [[squash(c) for c in row] for row in rows]
            if tuple(rows[0]) == header:
                found.append((page, rows))
        return found
