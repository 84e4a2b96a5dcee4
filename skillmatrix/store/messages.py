"""The user-facing texts of skillmatrix.store: one template per message, fields for str.format.

Call sites fill the fields (clipped or escaped there, as before); tests/test_messages.py checks
that every template is Japanese and formats with its own field names.
"""

from typing import Final

BACKUP_UNUSABLE: Final[str] = "このバックアップは使えません（{problems}）"

BACKUP_UNVERIFIED: Final[str] = (
    "バックアップを確認できませんでした（元のファイルが壊れている可能性があります）: {db_path}"
)

BACKUP_FAILED: Final[str] = "バックアップを作れませんでした: {explain}"

BACKUP_FAILED_ERROR: Final[str] = "バックアップを作れませんでした（{error}）"

BACKUP_FAILED_IN_FOLDER: Final[str] = "バックアップを作れませんでした（{reason}）: {folder}"

RESTORE_COPY_UNVERIFIED: Final[str] = "復元用のコピーを確認できませんでした: {db_path}"

RESTORE_FAILED: Final[str] = "復元できませんでした: {explain}"

RESTORE_FAILED_ERROR: Final[str] = "復元できませんでした（{error}）"

RESTORE_FAILED_AT: Final[str] = "復元できませんでした（{reason}）: {db_path}"

CATEGORY_NAME_EMPTY: Final[str] = "分類名が空です"

CATEGORY_NAME_EXISTS: Final[str] = "分類名「{name}」はすでにあります"

NO_SUCH_LEVEL: Final[str] = "{what}: レベル{level}はありません（0〜7）"

NAME_EMPTY: Final[str] = "{what}が空です"

NAME_TOO_LONG: Final[str] = "{what}が200文字を超えています"

PROFILE_EXISTS: Final[str] = "人材像「{profile_name}」はすでにあります"

PROFILE_NOT_FOUND: Final[str] = "人材像が見つかりません（id {profile_id}）"

COURSE_BAD_KIND: Final[str] = "研修「{course_name}」: 種別「{kind}」は使えません"

COURSE_BAD_AUDIENCE: Final[str] = "研修「{course_name}」: 対象「{audience}」は使えません"

COURSE_NOT_FOUND: Final[str] = "研修が見つかりません（id {course_id}）"

PLAN_BAD_STATUS: Final[str] = "計画の状態「{status}」は使えません"

DEPARTMENT_ROW_UNREADABLE: Final[str] = "部門の行の内容を読めません: {content}"

STATEMENT_NOT_IN_FILE: Final[str] = "できること「{text}」がこのファイルにありません"

TICK_STAFF_NOT_IN_FILE: Final[str] = "できることのチェック: 職員（{staff_id}）がこのファイルにいません"

PLAN_STAFF_NOT_IN_FILE: Final[str] = "研修計画「{title}」: 職員（{staff_id}）がこのファイルにいません"

STATEMENT_NOT_FOUND: Final[str] = "「できること」が見つかりません（id {statement_id}）"

NOT_SKILLMATRIX_DATABASE: Final[str] = (
    "SkillMatrixのデータベースではありません（別のプログラムのファイルです）: {path}"
)

MADE_BY_NEWER_VERSION: Final[str] = (
    "新しい版のSkillMatrixで作られたファイルです（スキーマ版{version}）: {path}"
)

SCENARIO_NAME_EMPTY: Final[str] = "シナリオ名が空です"

LOCK_NOT_ACQUIRED: Final[str] = "ロックを取得できませんでした: {path}"

LOCKED_BY: Final[str] = "このデータベースは{who}編集中です。読み取り専用で開くことはできます: {db_path}"

LOCK_FILE_UNWRITABLE: Final[str] = (
    "ロックファイルを作れません（{reason}）。読み取り専用で開いてください: {path}"
)

READ_ONLY: Final[str] = "読み取り専用で開いているため変更できません: {path}"

STAFF_NOT_FOUND_MANY: Final[str] = "職員が見つかりません（id {missing}）"

ORDER_MISMATCH: Final[str] = "並べ替えの対象が職員一覧と一致しません"

STAFF_ID_EXISTS: Final[str] = "同じidの職員がすでにいます（{id}）"

MIGRATIONS_NOT_CONSECUTIVE: Final[str] = "スキーマ定義の番号が連続していません: {versions}"

NOT_FOUND: Final[str] = "データベースファイルが見つかりません: {path}"

IS_A_FOLDER: Final[str] = "フォルダです。データベースファイルを指定してください: {path}"

NOT_SQLITE: Final[str] = "SQLiteのデータベースファイルではありません: {path}"

WAL_OF_ANOTHER_DATABASE: Final[str] = (
    "データベースの横にある -wal ファイルが別のデータベースのものです。読み書きせずに止めました（-wal を移動してから開き直してください）: {wal}"
)

SCHEMA_TOO_NEW: Final[str] = (
    "新しい版のSkillMatrixで作られたファイルです（スキーマ版{version}、このプログラムは版{current_version}まで）。プログラムを更新してください: {path}"
)

UNREADABLE: Final[str] = "ファイルを読めません（{reason}）: {path}"

READ_ONLY_TOO_OLD: Final[str] = (
    "古い版（スキーマ版{version}）のファイルです。読み取り専用では更新できません。書き込みできる場所で開いてください: {path}"
)

STAFF_NOT_FOUND: Final[str] = "職員が見つかりません（id {staff_id}）"

NOT_A_SHARED_FILE: Final[str] = (
    "SkillMatrixの共有ファイルではありません（SQLiteのデータベースではありません）: {shown}"
)

SHARED_FILE_NOT_MIGRATED: Final[str] = "古い版の共有ファイルを更新できませんでした: {explain}"

OPERATION_FAILED: Final[str] = "データベースの操作に失敗しました（{error}）: {path}"

IN_USE: Final[str] = "データベースが他のプログラムで使用中です。しばらくしてからやり直してください: {path}"

DISK_FULL: Final[str] = "ディスクの空きがないため書き込めませんでした（変更は保存されていません）: {path}"

READ_ONLY_FILE: Final[str] = "書き込みできないファイルです（読み取り専用）: {path}"

BROKEN_OR_NOT_SQLITE: Final[str] = (
    "データベースファイルが壊れているか、SQLiteのファイルではありません: {path}"
)

CANNOT_OPEN: Final[str] = "データベースファイルを開けません: {path}"

DISK_IO_FAILED: Final[str] = "ディスクの読み書きに失敗しました（変更は保存されていません）: {path}"

SHARED_FILE_UNDECODABLE: Final[str] = "共有ファイルが壊れています（読めない文字を含む定義）: {shown}"

SHARED_FILE_CHECK_TIMED_OUT: Final[str] = "共有ファイルの検査に時間がかかりすぎるため中止しました: {shown}"

SHARED_FILE_VALUE_TOO_LARGE: Final[str] = "共有ファイルに大きすぎる値があります（{error}）: {shown}"

SHARED_FILE_BROKEN: Final[str] = "共有ファイルが壊れています（{error}）: {shown}"
