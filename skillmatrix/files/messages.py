"""The user-facing texts of skillmatrix.files: one template per message, fields for str.format.

Call sites fill the fields (clipped or escaped there, as before); tests/test_messages.py checks
that every template is Japanese and formats with its own field names.
"""

from typing import Final

OUTPUT_IS_FOLDER: Final[str] = "書き出し先がフォルダです。ファイル名を指定してください: {shown}"

OUTPUT_NOT_REGULAR: Final[str] = (
    "書き出し先が{kind}です。通常のファイルを指定してください（標準出力には -）: {shown}"
)

OUTPUT_FOLDER_MISSING: Final[str] = "書き出し先のフォルダがありません: {final_parent}"

OUTPUT_NO_LONGER_REGULAR: Final[str] = "書き出し先が通常のファイルではなくなりました: {final}"

OUTPUT_UNCHECKABLE: Final[str] = "書き出し先を確かめられません（{reason}）: {shown}"

OUTPUT_IS_BACKUP: Final[str] = "データベースのバックアップには書き出せません: {shown}"

NO_STANDARD_OUTPUT: Final[str] = (
    "標準出力がありません（ウィンドウ版では - を使えません）。ファイル名を指定してください"
)

OUTPUT_PROTECTED: Final[str] = "{what}には書き出せません（別のファイル名にしてください）: {shown}"

OUTPUT_FOLDER_UNWRITABLE: Final[str] = "書き出し先のフォルダに書き込めません（{reason}）: {final_parent}"

SAVED_AS_CP932: Final[str] = "cp932（Shift_JIS）で保存されたファイルです。{convert_hint}: {shown}"

NOT_A_JSON_VALUE: Final[str] = "{name} はJSONの値ではありません"

INPUT_NOT_REGULAR: Final[str] = "{kind}です。通常のファイルを指定してください: {shown}"

FILE_TOO_LARGE: Final[str] = "ファイルが大きすぎます（{limit}）: {shown}"

SAVED_AS_UTF16: Final[str] = "UTF-16で保存されたファイルです。{convert_hint}: {shown}"

JSON_TOO_DEEP: Final[str] = "JSONの入れ子が深すぎます（{max_depth}段まで）: {shown}"

FILE_NOT_FOUND: Final[str] = "ファイルが見つかりません: {shown}"

FILE_UNREADABLE: Final[str] = "ファイルを読めません（{reason}）: {shown}"

STDIN_TOO_LARGE: Final[str] = "標準入力が大きすぎます（{limit}）"

FILE_TOO_LARGE_SIZED: Final[str] = "ファイルが大きすぎます（{limit}、{size_mb} MB）: {shown}"

NOT_UTF8: Final[str] = "UTF-8のテキストではありません: {shown}"

JSON_TOO_DEEP_AT: Final[str] = "JSONの入れ子が深すぎます（{max_depth}段まで、{where}）: {name}"

JSON_INTEGER_TOO_LONG: Final[str] = (
    "JSONの整数の桁が多すぎます（{max_int_digits}桁まで、{where}「{digits}」）: {name}"
)

JSON_UNREADABLE_AT: Final[str] = "JSONとして読めません（{line}行{column}列: {reason}）: {name}"

JSON_UNREADABLE: Final[str] = "JSONとして読めません（{error}）: {name}"

PROGRAM_FILES_MISSING: Final[str] = (
    "プログラムのファイル {name}/ が見つかりません（インストールが壊れています）"
)

DATA_FOLDER_UNCREATABLE: Final[str] = (
    "{where}を作れません（{reason}）。書き込み禁止のUSBメモリなら書き込みを許可するか、プログラムをパソコンにコピーして起動してください: {folder}"
)
