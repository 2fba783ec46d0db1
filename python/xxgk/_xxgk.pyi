"""Type stubs of the native module ``xxgk._xxgk`` (use the functions of ``xxgk`` instead)."""

from typing import Callable, Dict, List, Optional

class XxgkError(Exception):
    """An error xxgk reports instead of results (the message is the CLI's one line)."""

def extract(
    inputs: List[str],
    out: str,
    threads: int,
    timeout: float,
    max_file_size: int,
    agencies: Optional[str],
    progress: Optional[Callable[[int, int], object]],
) -> Dict[str, object]: ...
def read_bytes(data: bytes, name: str, sha256: str) -> str: ...
def read_path(path: str, name: Optional[str], timeout: float, max_file_size: int) -> str: ...
def audit(dirs: List[str], agencies: Optional[str]) -> str: ...
def codebook_csv() -> str: ...
