"""The user-facing texts of skillmatrix.report: one template per message, fields for str.format.

Call sites fill the fields (clipped or escaped there, as before); tests/test_messages.py checks
that every template is Japanese and formats with its own field names.
"""

from typing import Final

BUNDLED_FONT_NOT_FOUND: Final[str] = (
    "印刷用の日本語フォント（resources/fonts/ipaexg.ttf）が見つかりません。--font でTrueTypeフォントを指定してください"
)

FONT_NOT_FOUND: Final[str] = "フォントファイルが見つかりません: {path}"

FONT_UNUSABLE: Final[str] = (
    "このフォントは使えません（TrueType形式で埋め込み可能なものを指定してください）: {path}（{error}）"
)

GAIJI_FONT_NOT_FOUND: Final[str] = "外字用のフォントファイルが見つかりません: {path}"

GAIJI_FONT_UNUSABLE: Final[str] = (
    "この外字用フォントは使えません（TrueType形式で埋め込み可能なものを指定してください）: {path}（{error}）"
)

GROWTH_FROM_AFTER_TO: Final[str] = "--from（{from_year}）が --to（{to_year}）より後です"

NO_SUCH_REPORT: Final[str] = "報告の種類「{kind}」はありません（{report_kinds}）"

NOBODY_TO_PRINT: Final[str] = "印刷する職員がいません"

XLSX_UNWRITABLE: Final[str] = "Excelファイルを書き出せません（{reason}）: {out}"

CHOOSE_AT_LEAST_ONE: Final[str] = "{what}を1つ以上指定してください"

TOO_MANY_STAMPS: Final[str] = "確認印の欄は{max_stamps}つまでです（{count}つ指定されました）"

STAMP_LABEL_TOO_LONG: Final[str] = "確認印の見出しは{max_stamp_label}文字までです: {label}"

NO_SUCH_CHOICE: Final[str] = "{what}「{part}」はありません。使えるのは {allowed}"

PDF_UNWRITABLE: Final[str] = "PDFを書き出せません（{reason}）: {out}"

PDF_FIELD_OVERFLOWS_PAGE: Final[str] = (
    "1ページに収まらない欄があるためPDFにできません。Excelで書き出してください: {out}"
)
