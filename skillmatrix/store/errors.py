"""The one error type the store raises: a Japanese sentence fit to show a user."""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """A database problem explained in one line of Japanese (what is wrong, what to do)."""


def explain(error: sqlite3.Error, path: str) -> StoreError:
    """Turns a sqlite3 error into a StoreError that says what happened to which file."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            f"データベースが他のプログラムで使用中です。しばらくしてからやり直してください: {path}"
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StoreError(f"ディスクの空きがないため書き込めませんでした（変更は保存されていません）: {path}")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"書き込みできないファイルです（読み取り専用）: {path}")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(f"データベースファイルが壊れているか、SQLiteのファイルではありません: {path}")
    if "unable to open" in text:
        return StoreError(f"データベースファイルを開けません: {path}")
    if "disk i/o" in text:
        return StoreError(f"ディスクの読み書きに失敗しました（変更は保存されていません）: {path}")
    return StoreError(f"データベースの操作に失敗しました（{error}）: {path}")
