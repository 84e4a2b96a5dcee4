"""Zero-size flowables that tell the canvas where each résumé begins and ends.

The footer's 「n / m」 counts the pages of one résumé, and m is only known once the résumé
is laid out. ResumeStart is drawn on a résumé's first page and ResumeEnd on its last;
ResumeCanvas (canvas.py) holds the pages in between and writes them, footers and all, when
the end is reached.
"""

from __future__ import annotations

from reportlab.platypus import Flowable


class _Marker(Flowable):
    """Takes no room and draws nothing itself; only notifies the canvas."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        raise NotImplementedError


class ResumeStart(_Marker):
    """Marks the first page of a résumé, names the person for its footers and asks for
    the approval boxes (確認印) at the top right of that page."""

    def __init__(self, label: str, stamps: tuple[str, ...] = ()):
        super().__init__()
        self.label = label
        self.stamps = stamps

    def draw(self) -> None:
        begin = getattr(self.canv, "begin_resume", None)
        if begin:
            begin(self.label, self.stamps)


class ResumeEnd(_Marker):
    """Marks the last page of a résumé; with duplex, the résumé is padded to an even
    number of pages so the next one starts on a front side."""

    def __init__(self, duplex: bool = False):
        super().__init__()
        self.duplex = duplex

    def draw(self) -> None:
        end = getattr(self.canv, "end_resume", None)
        if end:
            end(self.duplex)
