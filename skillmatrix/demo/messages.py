"""The user-facing texts of skillmatrix.demo: one template per message, fields for str.format.

Call sites fill the fields (clipped or escaped there, as before); tests/test_messages.py checks
that every template is Japanese and formats with its own field names.
"""

from typing import Final

DEMO_CATEGORY_MISSING: Final[str] = "分類「{name}」がありません（デモデータには8つの分類が必要です）"
