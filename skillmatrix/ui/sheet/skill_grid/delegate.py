"""Paints a grid cell as its entries, one wrapped paragraph each with a small kind mark,
and edits it with the multi-line cell editor.

The mark (研 業 講 他 on a coloured tag) is painted only: DisplayRole stays the pure text.
The same layout serves painting, the row height (rows grow to fit) and finding the entry
under the mouse for dragging a single entry.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionFocusRect, QStyleOptionViewItem, QWidget

from skillmatrix.domain.model import Entry
from skillmatrix.store.department import DepartmentStore
from skillmatrix.ui.sheet.cell_editor import CellTextEdit, MultiLineDelegate
from skillmatrix.ui.sheet.skill_grid.course_completion import CourseCellEdit, CourseListModel, moves_offered
from skillmatrix.ui.sheet.skill_grid.model import ENTRIES_ROLE, SkillGridModel

KIND_MARKS = {"training": "研", "work": "業", "role": "講", "other": "他"}
KIND_COLOURS = {"training": "#2b6cb0", "work": "#2f855a", "role": "#c05621", "other": "#718096"}
PADDING = 3
ENTRY_GAP = 2
CACHE_SIZE = 4000


class SkillGridDelegate(MultiLineDelegate):
    """Draws and edits skill grid cells; the editor completes course names.

    Signals:
        course_cells_offered(str, list): after a commit, the person's id and (entry id,
            Course) for new lines naming a course whose catalogue cell is another one.
    """

    course_cells_offered = Signal(str, list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layouts: OrderedDict[tuple, tuple[QTextLayout, float]] = OrderedDict()
        self._fonts: list[QFont] = []
        self._mark_fonts: dict[int, tuple[QFont, QSize]] = {}
        self._colours = {kind: QColor(c) for kind, c in KIND_COLOURS.items()}
        self._mark_pixmaps: dict[tuple, QPixmap] = {}

    # -- editing -------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        model = index.model()
        assert isinstance(model, SkillGridModel)  # this delegate serves the skill grid only
        session = model.session
        courses = CourseListModel(DepartmentStore(session.store).courses(), session.categories)
        editor = CourseCellEdit(courses, model.cell_of(index), parent)
        editor.setFont(option.font)
        return editor

    def setEditorData(self, editor: CellTextEdit, index: QModelIndex) -> None:
        if isinstance(editor, CourseCellEdit):
            editor.completion_enabled = False  # loading the cell's text is not typing
            super().setEditorData(editor, index)
            editor.completion_enabled = True
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: CellTextEdit, model: QAbstractItemModel, index: QModelIndex) -> None:
        if not isinstance(editor, CourseCellEdit):
            super().setModelData(editor, model, index)
            return
        assert isinstance(model, SkillGridModel)  # this delegate serves the skill grid only
        old = index.data(Qt.ItemDataRole.EditRole) or ""
        text = editor.toPlainText()
        if text == old:
            return
        named, kinds = editor.courses_in(old)
        if model.set_cell_text(index, text, kinds) and named and model.sheet is not None:
            offers = moves_offered(model.entries(index), model.cell_of(index), named)
            if offers:
                self.course_cells_offered.emit(model.sheet.id, offers)

    # -- layout --------------------------------------------------------------------------

    def _text_layout(self, text: str, font: QFont, width: float) -> tuple[QTextLayout, float]:
        """Returns a laid-out paragraph and its height, cached: painting the grid again
        (scrolling, selection) must not lay out every text again."""
        key = (text, self._font_token(font), round(width))
        hit = self._layouts.get(key)
        if hit is not None:
            self._layouts.move_to_end(key)
            return hit
        layout = QTextLayout(text, font)
        option = QTextOption()
        # Japanese breaks between characters; a long Latin word breaks anywhere if it must.
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        height = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 1.0))
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        self._layouts[key] = (layout, height)
        if len(self._layouts) > CACHE_SIZE:
            self._layouts.popitem(last=False)
        return layout, height

    def _font_token(self, font: QFont) -> int:
        """Returns a small number standing for the font (QFont.key() is slow to ask for
        on every cell; the grid nearly always paints with one font)."""
        for token, known in enumerate(self._fonts):
            if known == font:
                return token
        self._fonts.append(QFont(font))
        return len(self._fonts) - 1

    def _mark_font(self, font: QFont) -> QFont:
        """Returns the small font of the kind marks (cached per cell font)."""
        key = self._font_token(font)
        cached = self._mark_fonts.get(key)
        if cached is None:
            small = QFont(font)
            size = font.pointSizeF()
            if size > 0:
                small.setPointSizeF(size * 0.75)
            else:
                small.setPixelSize(max(8, int(font.pixelSize() * 0.75)))
            metrics = QFontMetrics(small)
            cached = self._mark_fonts[key] = (
                small,
                QSize(metrics.horizontalAdvance("研") + 4, metrics.height()),
            )
        return cached[0]

    def _mark_size(self, font: QFont) -> QSize:
        self._mark_font(font)
        return self._mark_fonts[self._font_token(font)][1]

    def entry_boxes(self, rect: QRect, font: QFont, entries: list[Entry]):
        """Yields (entry, mark rect, text origin, text layout, entry rect) for a cell."""
        mark = self._mark_size(font)
        text_left = rect.left() + PADDING + mark.width() + 3
        width = rect.right() - PADDING - text_left
        top = float(rect.top() + PADDING)
        for entry in entries:
            layout, height = self._text_layout(entry.text, font, width)
            first_line = layout.lineAt(0).height() if layout.lineCount() else height
            mark_rect = QRect(
                rect.left() + PADDING,
                int(top + (first_line - mark.height()) / 2),
                mark.width(),
                mark.height(),
            )
            box = QRect(rect.left(), int(top), rect.width(), int(height) + ENTRY_GAP)
            yield entry, mark_rect, QPointF(text_left, top), layout, box
            top += height + ENTRY_GAP

    def entry_at(self, rect: QRect, font: QFont, entries: list[Entry], pos: QPoint) -> Entry | None:
        """Returns the entry painted at pos inside a cell rect, if any."""
        for entry, _mark, _origin, _layout, box in self.entry_boxes(rect, font, entries):
            if box.top() <= pos.y() <= box.bottom():
                return entry
        return None

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        entries = index.data(ENTRIES_ROLE) or []
        metrics = QFontMetrics(option.font)
        width = option.rect.width() if option.rect.width() > 0 else 12 * metrics.averageCharWidth()
        rect = QRect(0, 0, width, 0)
        height = 2 * PADDING
        for _entry, _mark, _origin, _layout, box in self.entry_boxes(rect, option.font, entries):
            height = box.bottom() + 1 + PADDING
        return QSize(width, max(height, metrics.lineSpacing() + 2 * PADDING))

    # -- painting ----------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # No initStyleOption(): it asks the model for a dozen roles per cell and repaint, and
        # the grid uses none of them. Background, selection and focus come from the style.
        opt = QStyleOptionViewItem(option)
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        if opt.state & QStyle.StateFlag.State_HasFocus:
            focus = QStyleOptionFocusRect()
            focus.rect, focus.state, focus.palette = opt.rect, opt.state, opt.palette
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)
        entries = index.data(ENTRIES_ROLE)
        if not entries:
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = opt.palette.color(
            QPalette.ColorGroup.Normal,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
        boxes, hidden = self.fitting_boxes(opt.rect, opt.font, entries)
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setPen(colour)
        for entry, mark_rect, origin, layout, _box in boxes:
            painter.drawPixmap(mark_rect.topLeft(), self._mark_pixmap(entry.kind, opt.font, dpr))
            layout.draw(painter, origin)
        if hidden:
            self._paint_more(painter, opt, hidden)
        painter.restore()

    # -- a cell lower than its entries (一覧表示): the entries that fit and a "+N" -------------

    def fitting_boxes(self, rect: QRect, font: QFont, entries: list[Entry]) -> tuple[list, int]:
        """Returns the boxes of the entries shown whole in rect and how many are left out.

        A cell never cuts an entry or hides it behind "…": what does not fit whole is
        counted in a "+N" badge (more_rect) that opens the cell.
        """
        boxes = list(self.entry_boxes(rect, font, entries))
        bottom = rect.bottom() - PADDING
        if not boxes or boxes[-1][4].bottom() - ENTRY_GAP <= bottom:
            return boxes, 0
        room = bottom - self.more_size(font).height()
        shown = [b for b in boxes if b[4].bottom() - ENTRY_GAP <= room]
        return shown, len(boxes) - len(shown)

    def more_size(self, font: QFont) -> QSize:
        metrics = QFontMetrics(font)
        return QSize(metrics.horizontalAdvance("+000") + 8, metrics.height() + 2)

    def more_rect(self, rect: QRect, font: QFont) -> QRect:
        """Where the "+N" badge of a cell is drawn (its bottom-right corner)."""
        size = self.more_size(font)
        return QRect(
            rect.right() - PADDING - size.width() + 1,
            rect.bottom() - PADDING - size.height() + 1,
            size.width(),
            size.height(),
        )

    def hidden_count(self, rect: QRect, font: QFont, entries: list[Entry]) -> int:
        """How many entries of a cell the "+N" badge stands for (0: all are shown)."""
        return self.fitting_boxes(rect, font, entries)[1] if entries else 0

    def _paint_more(self, painter: QPainter, opt: QStyleOptionViewItem, hidden: int) -> None:
        badge = self.more_rect(opt.rect, opt.font)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(opt.palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, f"+{hidden}")

    def _mark_pixmap(self, kind: str, font: QFont, dpr: float) -> QPixmap:
        """Returns the kind mark drawn once (a coloured tag with 研 業 講 他) for reuse:
        one drawPixmap per entry instead of six painter calls."""
        key = (kind, self._font_token(font), dpr)
        pixmap = self._mark_pixmaps.get(key)
        if pixmap is None:
            size = self._mark_size(font)
            pixmap = QPixmap(round(size.width() * dpr), round(size.height() * dpr))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            mark = QPainter(pixmap)
            mark.setRenderHint(QPainter.RenderHint.Antialiasing)
            mark.setPen(Qt.PenStyle.NoPen)
            mark.setBrush(self._colours.get(kind, self._colours["other"]))
            rect = QRectF(0, 0, size.width(), size.height())
            mark.drawRoundedRect(rect, 3, 3)
            mark.setPen(QColor("white"))
            mark.setFont(self._mark_font(font))
            mark.drawText(rect, Qt.AlignmentFlag.AlignCenter, KIND_MARKS.get(kind, "他"))
            mark.end()
            self._mark_pixmaps[key] = pixmap
        return pixmap
