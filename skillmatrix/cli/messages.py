"""The user-facing texts of skillmatrix.cli: one template per message, fields for str.format.

Call sites fill the fields (clipped or escaped there, as before); tests/test_messages.py checks
that every template is Japanese and formats with its own field names.
"""

from typing import Final

NOT_AN_INTEGER: Final[str] = "整数を指定してください（{low}〜{high}）: {text}"

OUT_OF_RANGE: Final[str] = "{low}〜{high}の範囲で指定してください: {text}"

STAFF_NOT_FOUND: Final[str] = "職員「{name}」が見つかりません"

STAFF_AMBIGUOUS: Final[str] = "「{name}」に当てはまる職員が複数います: {listed}。idで指定してください"

DATABASE_EXISTS: Final[str] = "ファイルがすでにあります（上書きしません）: {path}"

DATABASE_FOLDER_MISSING: Final[str] = "作成先のフォルダがありません: {path_parent}"

DEMO_STAFF_OUT_OF_RANGE: Final[str] = "--staff は2〜{max_demo_staff}にしてください（資料の2名が必ず入ります）"

DEMO_DATABASE_NOT_EMPTY: Final[str] = "職員の入ったデータベースには書き込みません: {path}"

MINIMUM_NEGATIVE: Final[str] = "--minimum は0以上にしてください"

STDOUT_NEEDS_BINARY_FORMAT: Final[str] = (
    "標準出力（-）に書き出すときは --format pdf か --format xlsx を指定してください"
)

GROWTH_NEEDS_FROM: Final[str] = "growth には --from YYYY（比べ始める年度）が必要です"

IMPORT_DATABASE_MISSING: Final[str] = (
    "取り込み先のデータベースがありません: {db}。先に skillmatrix init --db {db} で作ってください"
)

IMPORT_CONFLICTS: Final[str] = (
    "両方で変更された職員が{staff_count}名、部門の行が{row_count}件あるため取り込んでいません。--prefer mine（こちらを残す）か --prefer theirs（ファイルの内容を採る）を指定してください"
)

IMPORT_FILE_NOT_FOUND: Final[str] = "取り込むファイルが見つかりません: {file}"

IMPORT_UNDECIDED: Final[str] = (
    "どちらを採るか決まっていない部分が{undecided}か所あるため取り込んでいません。--prefer mine（こちらを残す）か --prefer theirs（ファイルの内容を採る）を指定してください"
)

NO_STAFF: Final[str] = "職員がいません"
