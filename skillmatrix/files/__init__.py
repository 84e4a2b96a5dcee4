"""Everything that touches a file goes through here: the guarded writer and reader, the
retry on busy files, SQLite URIs of any path, network drives, and console encodings.

Below every other layer (standard library only).
"""

from skillmatrix.files.busy import (
    BUSY_MESSAGE,
    remove,
    remove_quietly,
    remove_tree_quietly,
    replace,
    retry_busy,
)
from skillmatrix.files.console import ENCODINGS, configure_streams, use_encoding
from skillmatrix.files.errors import BusyFileError, FileError, clip
from skillmatrix.files.locations import is_network_path, sqlite_uri
from skillmatrix.files.reading import check_input, path_kind, read_bytes, read_json
from skillmatrix.files.writing import (
    append_text,
    check_output,
    copy_into_place,
    is_stdio,
    open_output,
    private_folder,
    protect,
    sweep_private_folders,
    sweep_stale,
    unprotect,
    write_output,
)

__all__ = [
    "append_text",
    "BUSY_MESSAGE",
    "ENCODINGS",
    "BusyFileError",
    "FileError",
    "check_input",
    "check_output",
    "clip",
    "configure_streams",
    "copy_into_place",
    "is_network_path",
    "is_stdio",
    "open_output",
    "path_kind",
    "private_folder",
    "protect",
    "read_bytes",
    "read_json",
    "remove",
    "remove_quietly",
    "remove_tree_quietly",
    "replace",
    "retry_busy",
    "sqlite_uri",
    "sweep_private_folders",
    "sweep_stale",
    "unprotect",
    "use_encoding",
    "write_output",
]
