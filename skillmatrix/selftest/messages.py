"""The user-facing texts of skillmatrix.selftest: one template per message, fields for str.format.

Call sites fill the fields (clipped or escaped there, as before); tests/test_messages.py checks
that every template is Japanese and formats with its own field names.
"""

from typing import Final

NO_NETWORK_DURING_SELFTEST: Final[str] = "SkillMatrix の動作確認中はネットワークを使いません"

PROBE_NOT_READ_BACK: Final[str] = "書いた内容を読み戻せません: {path}"
