"""The user-facing texts of skillmatrix.domain: one template per message, fields for str.format.

Call sites fill the fields (clipped or escaped there, as before); tests/test_messages.py checks
that every template is Japanese and formats with its own field names.
"""

from typing import Final

NO_SUCH_MONTH: Final[str] = "{label}{month}月は存在しない月です"

DAY_WITHOUT_MONTH: Final[str] = "日だけで月がありません（{label}?月{day}日）"

NO_SUCH_DAY: Final[str] = "{label}{month}月{day}日は存在しない日付です"

YEAR_OUT_OF_RANGE: Final[str] = "年は{min_year}年から{max_year}年の範囲で入力してください（{year}年）"

NOT_ISO_DATE: Final[str] = "ISO形式の日付ではありません: {text!r}"

DATE_EMPTY: Final[str] = "日付が空です"

DATE_UNREADABLE: Final[str] = "日付として読めません: {text!r}"

ERA_YEAR_ZERO: Final[str] = "{era_name}0年は存在しません（元年と書きます）"

ERA_ENDS_IN_YEAR: Final[str] = "{era_name}は{last_year}年までです（{era_name}{n}年）"

ERA_STARTS_ON: Final[str] = "{era_name}は{jp}からです（{text}）"

ERA_ENDS_ON: Final[str] = "{era_name}は{jp}までです（{text}）"

PERIOD_END_BEFORE_START: Final[str] = "終了（{end}）が開始（{start}）より前です"

PERIOD_SEPARATOR_AMBIGUOUS: Final[str] = "期間の区切りが曖昧です（～で区切ってください）: {text!r}"

NO_SUCH_KIND: Final[str] = "種別「{unknown}」はありません（{kinds}）"

CATEGORY_AMBIGUOUS: Final[str] = "分類「{name}」は複数に当たります（{value}）"

NO_SUCH_CATEGORY: Final[str] = "分類「{name}」はありません"

QUERY_UNREADABLE: Final[str] = (
    "条件「{token}」を読めません（例: セキュリティ>=4、セキュリティ:4+、ネットワーク=3）"
)

QUERY_NO_SUCH_LEVEL: Final[str] = "条件「{token}」: レベル{level}はありません（0〜7）"

QUERY_PLUS_MINUS_ONLY_WITH_COLON: Final[str] = "条件「{token}」を読めません（+ と - は「:」の形だけです）"

CONTROL_CHARACTER: Final[str] = "{where}: 制御文字（U+{codepoint:04X}）は使えません"

TEXT_TOO_LONG: Final[str] = "{where}: {limit}文字を超えています（{text_count}文字）"

NAME_EMPTY: Final[str] = "{who}: 氏名が空です"

EXPERIENCE_OUT_OF_RANGE: Final[str] = "{who} 経験年数: 0〜80の整数にしてください（{experience_override}）"

INVISIBLE_CHARACTER: Final[str] = (
    "{who} {label}: 表示を変える見えない文字（U+{codepoint:04X}、文字の向きの制御やゼロ幅の文字）は使えません"
)

QUALIFICATION_NAME_EMPTY: Final[str] = "{who} 資格等{i}: 名称が空です"

ENTRY_NO_SUCH_LEVEL: Final[str] = "{where}: レベル{level}はありません（0〜7）"

ENTRY_NO_SUCH_CATEGORY: Final[str] = "{where}: 分類「{category_id}」は定義にありません"

ENTRY_BAD_KIND: Final[str] = "{where}: 種別「{kind}」は使えません（{kinds}）"

ENTRY_TEXT_EMPTY: Final[str] = "{where}: 内容が空です"

PLAN_BAD_STATUS: Final[str] = "計画の状態「{status}」は使えません"

PLAN_TITLE_EMPTY: Final[str] = "研修名が空です"

PLAN_LINE_EXISTS: Final[str] = "「{title}」はこの職員の計画にすでにあります"

STAFF_NOT_OBJECT: Final[str] = "staff[{index}]: オブジェクトではありません"

EXPERIENCE_NOT_INTEGER: Final[str] = "{who} experience_override: 整数ではありません（{override!r}）"

NOT_A_STRING: Final[str] = "{who} {where}: 文字列ではありません（{value!r}）"

DATE_NOT_A_STRING: Final[str] = "{who} {where}: 日付は文字列で書きます（{value!r}）"

NOT_AN_OBJECT_ARRAY: Final[str] = "{who} {where}: オブジェクトの配列ではありません"

ID_NOT_UUID: Final[str] = "{who} id: UUIDではありません（{staff_id!r}）"

LEVEL_NOT_INTEGER: Final[str] = "{where}: レベル{level!r}は整数ではありません（0〜7）"

MERGE_UNDECIDED: Final[str] = "どちらを採るか決まっていない部分があります: {open_parts}"

# What breaks a per-person cap (model._too_many_rows); validate_staff puts the person first.
TOO_MANY_ROWS: Final[str] = "{label}が多すぎます（{count}件、1人{limit}件まで）"

TOO_MANY_ENTRIES: Final[str] = "実績が多すぎます（{count}件、1人{limit}件まで）"

TOO_MANY_CELL_ENTRIES: Final[str] = (
    "レベル{level}の1つのセルの実績が多すぎます（{count}件、1セル{limit}件まで）"
)
