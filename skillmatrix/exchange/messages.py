"""The user-facing texts of skillmatrix.exchange: one template per message, fields for str.format.

Call sites fill the fields (clipped or escaped there, as before); tests/test_messages.py checks
that every template is Japanese and formats with its own field names.
"""

from typing import Final

SHARED_FILE_TOO_LARGE: Final[str] = "共有ファイルが大きすぎます（{max_file_bytes} MBまで）: {path}"

SHARED_FILE_OF_ANOTHER_PROGRAM: Final[str] = (
    "SkillMatrixの共有ファイルではありません（別のプログラムのデータベースです）: {original}"
)

SHARED_FILE_TOO_NEW: Final[str] = (
    "新しい版のSkillMatrixで作られた共有ファイルです（スキーマ版{version}、このプログラムは版{current_version}まで）。プログラムを更新してください: {original}"
)

SHARED_FILE_BAD_VERSION: Final[str] = (
    "SkillMatrixの共有ファイルではありません（スキーマ版{version}）: {original}"
)

SHARED_FILE_HEADER_CONTRADICTS: Final[str] = "共有ファイルのヘッダーが矛盾しています: {original}"

SHARED_FILE_STRUCTURE_DIFFERS: Final[str] = (
    "共有ファイルの構造がSkillMatrixのもの（スキーマ版{version}）と違うため取り込みません（{differences}）: {original}"
)

SHARED_FILE_BROKEN: Final[str] = "共有ファイルが壊れています（{problems}）: {original}"

CANNOT_IMPORT: Final[str] = "取り込めません: {error}"

SHARED_FILE_TOO_MANY_ROWS: Final[str] = (
    "共有ファイルの{table}が多すぎます（{count}行、{max_table_rows}行まで）: {original}"
)

SHARED_FILE_TOO_MANY_PER_STAFF: Final[str] = (
    "共有ファイルの職員（id {staff_id}）の{label}が多すぎます（{count}件、{per}{cap}件まで）: {original}"
)

FILE_UNREADABLE: Final[str] = "ファイルを読めません（{reason}）: {path}"

ROW_PARENT_MISSING: Final[str] = "{table} の行 {rowid} が指す {parent} がありません"

STAFF_ID_NOT_UUID: Final[str] = "{label} id: UUIDではありません（{staff_id}）"

REVISION_RECORD_MISSING: Final[str] = "{who} revision: 版の記録がありません"

NOT_A_STRING: Final[str] = "{who} {where}: 文字列ではありません（{value}）"

NOT_AN_INTEGER: Final[str] = "{who} {where}: 整数ではありません（{value}）"

REVISION_RECORD_INVALID: Final[str] = "{who} {where}: 版の記録が正しくありません（{value}）"

EXPORT_TARGET_EXISTS: Final[str] = "書き出し先のファイルがすでにあります（上書きするには --force）: {out}"

EXPORT_NOT_REREADABLE: Final[str] = "書き出したファイルを読み直せませんでした（{problems}）: {out}"

EXPORT_COPY_CHECK_FAILED: Final[str] = "書き出したコピーの検査に失敗しました（{problems}）"

EXPORT_COPY_DIFFERS: Final[str] = "書き出したコピーの内容が元と一致しません"

EXPORT_COPY_NOT_SINGLE_FILE: Final[str] = "書き出したコピーが単独のファイルになっていません（WAL）"

EXPORT_FAILED: Final[str] = "書き出しに失敗しました（{text}。{kept}）: {out}"

EXPORT_DISK_FULL: Final[str] = (
    "ディスクの空きが足りないか書き込みに失敗したため、書き出せませんでした（{kept}）: {out}"
)

EXPORT_FOLDER_UNWRITABLE: Final[str] = "書き出し先のフォルダに書き込めません（{kept}）: {out_parent}"

EXPORT_TARGET_UNWRITABLE: Final[str] = "書き出し先に書き込めません（{kept}）: {out}"

CONFLICTS_UNSETTLED: Final[str] = (
    "競合が{count}件あります（{first_five}{more}）。どちらを採るか選んでください"
)

DEPARTMENT_NOT_OBJECT: Final[str] = "department がオブジェクトではありません"

DEPARTMENT_ROWS_NOT_ARRAYS: Final[str] = "department の rows と seen は配列です"

DEPARTMENT_ROW_INVALID: Final[str] = "department の行が正しくありません: {item}"

DEPARTMENT_NO_SUCH_KIND: Final[str] = "department の種類「{item}」はありません"

INTERCHANGE_NOT_OBJECT: Final[str] = "interchange形式ではありません（最上位がオブジェクトではありません）"

INTERCHANGE_WRONG_FORMAT: Final[str] = '形式が違います: format は "{format}" のはずが {found!r} です'

INTERCHANGE_BAD_VERSION: Final[str] = "version が正しくありません: {version!r}"

INTERCHANGE_TOO_NEW: Final[str] = (
    "新しい版のファイルです（version {version}、このプログラムは{supported}まで）"
)

INTERCHANGE_STAFF_NOT_ARRAY: Final[str] = "staff が配列ではありません"

UNENCODABLE_CHARACTER: Final[str] = (
    "{encoding}で表せない文字（「{bad}」）があるため書き出せません。--encoding utf-8 を使ってください"
)

DUPLICATE_STAFF_ID: Final[str] = "{who_label} id: staff[{first_index}] と同じidです（{id}）"

REVISION_HISTORY_INVALID: Final[str] = "{who_label} revision_history: 版の一覧が正しくありません"

REVISION_INVALID: Final[str] = "{who_label} revision: 版の記録が正しくありません（{value}）"

REVISION_HISTORY_RECORD_INVALID: Final[str] = (
    "{who_label} revision_history: 版の記録が正しくありません（{old}）"
)

SHEET_NAME_NOT_FOUND: Final[str] = "シート「{sheet}」: 氏名が見つかりません（「氏名」の見出しの右か下）"

GRID_COLUMN_MISSING: Final[str] = (
    "シート「{name}」: スキル実績等一覧の見出し（{row}行目）に「{missing}」の列がありません"
)

HISTORY_PERIOD_HEADING_MISSING: Final[str] = "{where}: {part}の「期間」の見出しがありません"

EXPERIENCE_UNREADABLE: Final[str] = "{where}: 経験年数「{rest}」が読めません"

GRID_CATEGORY_TWICE: Final[str] = "{where}: 分類「{category_name}」の列が2つあります"

HISTORY_PERIOD_UNREADABLE: Final[str] = "{where}: {part}の期間が読めません（{error}）"

XLS_UNREADABLE: Final[str] = "Excel 97-2003 形式のブックとして読めません（{error}）: {path_name}"

XLS_UNREADABLE_NAMED: Final[str] = "Excel 97-2003 形式のブックとして読めません（{name}）: {path_name}"

TOO_MANY_SHEETS: Final[str] = "シートが多すぎます（{max_sheets}まで）: {path_name}"

XLS_ENCRYPTED: Final[str] = "パスワードで暗号化されたブックは読めません: {path_name}"

XLS_TOO_MANY_ROWS: Final[str] = "シート「{ws_name}」の行が多すぎます（{max_rows}行まで）: {path_name}"

BOOK_TOO_LARGE: Final[str] = "ブックが大きすぎます（{size} MB、上限 50 MB）: {path_name}"

XLSX_ENCRYPTED: Final[str] = (
    "パスワードで暗号化されたブックは読めません（Excelでパスワードを外して保存し直してください）: {path_name}"
)

BOOK_ZIP_BOMB: Final[str] = (
    "展開すると異常に大きくなるファイルのため読みません（宣言された展開後サイズ {size} MB）: {path_name}"
)

SHEET_TOO_MANY_ROWS: Final[str] = (
    "シート「{sheet}」の行が多すぎます（{max_rows}行まで。スキル履歴書ではないと判断しました）: {book_name}"
)

BOOK_CANNOT_OPEN: Final[str] = "ブックを開けません（{reason}）: {path_name}"

NOT_XLS: Final[str] = "Excel 97-2003 形式（.xls）のブックではありません: {path_name}"

XLSX_UNREADABLE: Final[str] = "Excelのブック（.xlsx）として読めません: {path_name}"

BOOK_UNREADABLE: Final[str] = "Excelのブックとして読めません（{name}）: {path_name}"

SHEET_XML_BROKEN: Final[str] = "Excelのブックとして読めません（シートのXMLが壊れています）: {path_name}"

NO_BOOKS_IN_FOLDER: Final[str] = "フォルダにExcelのブック（.xlsx / .xlsm / .xls）がありません: {path}"

NOT_A_BOOK: Final[str] = "Excelのブック（.xlsx / .xlsm / .xls）ではありません: {path_name}"

RESUME_SHEET_NOT_FOUND: Final[str] = (
    "スキル履歴書のシートが見つかりません（{looked_for}を探しました）: {path_name}"
)

PERSON_TWO_SHEETS: Final[str] = "{source_name} シート「{sheet}」: {person_name}さんのシートが2つあります"

PERSON_NAME_AMBIGUOUS: Final[str] = "シート「{sheet}」: 「{person_name}」という職員が複数います"

FORM_TARGET_EXISTS: Final[str] = "ファイルがすでにあります（上書きするには --force）: {path}"

FORMS_NEED_FOLDER: Final[str] = "{count}名分はフォルダに書き出します。--out にフォルダを指定してください"

FORM_UNWRITABLE: Final[str] = "記入用シートを書けませんでした（{reason}）: {path}"

FORMS_TARGET_NOT_FOLDER: Final[str] = "書き出し先がフォルダではありません: {out}"

FORMS_FOLDER_MISSING: Final[str] = "書き出し先のフォルダがありません: {out_parent}"

FORMS_PARENT_MISSING: Final[str] = "書き出し先のフォルダがありません: {parent}"
