"""A reportlab PDF document that writes each page to the file as soon as it is finished.

reportlab keeps every page of a document in memory (its drawing operators, uncompressed)
until save, and then formats the whole file in memory once more: printing 1,000 résumés
held ~50 MB that grew with every résumé. StreamingDocument opens the output when the
canvas is made, writes a page's dictionary and compressed content the moment the page is
closed, and leaves only a small stub behind (its object name for the page tree). At save
it writes the remaining objects (page tree, fonts, catalogue), the cross-reference table
and the trailer. Object numbers and the xref come from reportlab's own bookkeeping, so the
file is the same PDF reportlab would write, with objects in a different order (the PDF
format allows any order: the xref gives each object's offset).

It relies on reportlab internals (PDFDocument.format's object loop); the tests parse the
result with pypdf and pdfplumber and render it with poppler, so a reportlab change that
breaks it shows up at once. Anything a page references that is not yet registered (a
case this program never produces) is simply left for the final pass.
"""

from __future__ import annotations

import os
from typing import IO

from reportlab.pdfbase.pdfdoc import (
    PDFCrossReferenceTable,
    PDFDocument,
    PDFIndirectObject,
    PDFObject,
    PDFTrailer,
    pdfdocEnc,
)
from reportlab.pdfgen.canvas import Canvas


class _Written(PDFObject):
    """What stays in memory of an object already in the file: its name."""

    def __init__(self, name: str):
        self.__InternalName__ = name

    def format(self, document: PDFDocument) -> bytes:  # pragma: no cover - never formatted again
        raise AssertionError("object already written")


class StreamingDocument(PDFDocument):
    """A PDFDocument writing pages as they close; made by swapping the class of the
    canvas's document and calling start()."""

    def start(self, target: str | os.PathLike[str] | IO[bytes]) -> None:
        """Opens the output (a path or a binary file) and writes the PDF header.

        A path is always a temporary file: the one the guarded writer hands the build
        (files.write_output, which syncs and renames it) or one in a private folder.
        """
        self._own_file = not hasattr(target, "write")
        self._out = open(target, "wb") if isinstance(target, (str, os.PathLike)) else target
        self._offset = 0
        self._emit(
            pdfdocEnc(f"%PDF-{self._pdfVersion[0]}.{self._pdfVersion[1]}")
            + b"\n%\223\214\213\236 ReportLab Generated PDF document (opensource)\n"
        )

    def _emit(self, data: bytes) -> int:
        offset = self._offset
        self._out.write(data)
        self._offset += len(data)
        return offset

    def _write_object(self, name: str) -> None:
        data = PDFIndirectObject(name, self.idToObject[name]).format(self)
        self.idToOffset[name] = self._emit(data)
        self.idToObject[name] = _Written(name)

    def flush_last_page(self) -> None:
        """Writes the page just added (and its content stream) and drops it from memory."""
        pages = self.Pages.pages
        page = pages[-1]
        name = page.__InternalName__
        try:
            self._write_object(name)
        except KeyError:
            return  # references something not registered yet: the final pass writes it
        contents = getattr(page.Contents, "__InternalName__", None)
        if contents and contents not in self.idToOffset:
            self._write_object(contents)
        pages[-1] = _Written(name)

    def abort(self) -> None:
        """Closes the output after a failure (the caller removes the partial file)."""
        if getattr(self, "_own_file", False) and not self._out.closed:
            self._out.close()

    def SaveToFile(self, filename: object, canvas: Canvas) -> None:  # noqa: N802 (reportlab's name)
        # GetPDFData realises the font subsets and calls format(), which writes the rest.
        self.GetPDFData(canvas)
        if self._own_file:
            self._out.close()

    def format(self) -> bytes:
        """Writes every object not yet in the file, then the xref and the trailer."""
        self.encrypt.prepare(self)
        catalog, info = self.Reference(self.Catalog), self.Reference(self.info)
        ids: list[str] = []
        number = 0
        while True:  # objects may register further objects while being formatted
            number += 1
            if number not in self.numberToId:
                break
            name = self.numberToId[number]
            if name not in self.idToOffset:
                self._write_object(name)
            ids.append(name)
        xref = PDFCrossReferenceTable()
        xref.addsection(0, ids)
        start = self._emit(xref.format(self))
        trailer = PDFTrailer(startxref=start, Size=len(ids) + 1, Root=catalog, Info=info, ID=self.ID())
        self._emit(trailer.format(self))
        return b""
