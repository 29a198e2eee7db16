"""Throughput of SmlLib (PyPI `smllib`) on the same bytes as benches/pipeline.rs.

The input is built exactly like the criterion bench: every tests/fixtures/sml/*.bin, sorted
by name, concatenated, repeated to at least 1 MiB. SmlLib's stream reader gets the bytes in
1 KiB chunks (it keeps at most 50 KiB buffered), every frame it returns is parsed completely
(`parse_frame`), and the entries of every GetListResponse are counted. Prints one line:
`bytes=N seconds=S mib_per_s=T frames_ok=F values=V` (best of three runs).
"""

import pathlib
import sys
import time

from smllib import SmlStreamReader
from smllib.errors import CrcError
from smllib.sml import SmlGetListResponse

CHUNK = 1024


def corpus(root: pathlib.Path) -> bytes:
    files = sorted((root / "tests/fixtures/sml").glob("*.bin"), key=lambda p: p.name)
    one = b"".join(p.read_bytes() for p in files)
    out = bytearray()
    while len(out) < 1 << 20:
        out += one
    return bytes(out)


def run(data: bytes) -> tuple[int, int]:
    reader = SmlStreamReader()
    frames_ok = values = 0
    for at in range(0, len(data), CHUNK):
        reader.add(data[at : at + CHUNK])
        while True:
            try:
                frame = reader.get_frame()
            except CrcError:
                continue
            if frame is None:
                break
            try:
                messages = frame.parse_frame()
            except Exception:  # SmlLib raises plain ValueError/KeyError on bad frames.
                continue
            frames_ok += 1
            for m in messages:
                if isinstance(m.message_body, SmlGetListResponse):
                    values += len(m.message_body.val_list)
    return frames_ok, values


def main() -> None:
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path.cwd()
    data = corpus(root)
    best = None
    for _ in range(3):
        started = time.perf_counter()
        result = run(data)
        took = time.perf_counter() - started
        if best is None or took < best[0]:
            best = (took, result)
    took, (frames_ok, values) = best
    mib = len(data) / took / (1024 * 1024)
    print(f"bytes={len(data)} seconds={took:.3f} mib_per_s={mib:.3f} frames_ok={frames_ok} values={values}")


if __name__ == "__main__":
    main()
