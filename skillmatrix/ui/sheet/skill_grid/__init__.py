"""The skill grid (スキル実績等一覧): model, delegate, view, detail editor and level panel."""
