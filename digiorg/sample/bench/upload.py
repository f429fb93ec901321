"""Memory use of a large evidence upload through the real upload path, without a database.

A multipart body is generated while Django reads it (never built in memory), parsed by
CappedUploadHandler + TemporaryFileUploadHandler, checked by upload_inspect and stored by
FileSystemStorage in a temporary folder. Run from a configured Django process:

    from digiorg.sample.bench.upload import bench_upload; bench_upload(200)
"""

import hashlib
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterable, Iterator
from typing import cast

from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.core.handlers.wsgi import WSGIRequest

from digiorg.evidence.uploads import CappedUploadHandler, upload_inspect

MIB = 2**20
BOUNDARY = "digiorg-bench-7d4f0c2a9e1b"


class LazyBody:
    """A file-like request body whose read(n) pulls from an iterator of byte pieces."""

    def __init__(self, pieces: Iterable[bytes]):
        self._pieces = iter(pieces)
        self._buffer = bytearray()

    def _pull(self) -> bool:
        piece = next(self._pieces, None)
        if piece is None:
            return False
        self._buffer += piece
        return True

    def _take(self, size: int) -> bytes:
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def read(self, size: int = -1) -> bytes:
        while (size < 0 or len(self._buffer) < size) and self._pull():
            pass
        return self._take(len(self._buffer) if size < 0 else size)

    def readline(self, size: int = -1) -> bytes:
        while b"\n" not in self._buffer and (size < 0 or len(self._buffer) < size):
            if not self._pull():
                break
        end = self._buffer.find(b"\n") + 1 or len(self._buffer)
        return self._take(end if size < 0 else min(end, size))


def multipart_pieces(
    filename: str, content_type: str, chunks: Iterable[bytes], field: str = "file"
) -> Iterator[bytes]:
    """One file field as multipart/form-data (boundary BOUNDARY), piece by piece."""
    yield (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n"
    ).encode()
    yield from chunks
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def multipart_length(filename: str, content_type: str, size: int, field: str = "file") -> int:
    return sum(len(p) for p in multipart_pieces(filename, content_type, [], field)) + size


def upload_request(
    filename: str, content_type: str, chunks: Iterable[bytes], size: int, field: str = "file"
) -> WSGIRequest:
    """A POST WSGIRequest whose body streams one file of `size` bytes made of `chunks`."""
    length = multipart_length(filename, content_type, size, field)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/upload/",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": LazyBody(multipart_pieces(filename, content_type, chunks, field)),
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(length),
    }
    return WSGIRequest(environ)


def _pdf_like(size: int, digest) -> Iterator[bytes]:
    """`size` bytes with a PDF's header and end-of-file marker; every piece also goes into
    `digest`."""
    block = random.Random(2568).randbytes(64 * 2**10)
    header, end = b"%PDF-1.4\n", b"\n%%EOF\n"
    digest.update(header)
    yield header
    remaining = size - len(header) - len(end)
    while remaining > 0:
        piece = block if remaining >= len(block) else block[:remaining]
        digest.update(piece)
        yield piece
        remaining -= len(piece)
    digest.update(end)
    yield end


def _maxrss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / MIB if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KB on Linux


def bench_upload(size_mb: int = 200) -> dict:
    """Upload a `size_mb` PDF-looking file through the real path; report time and memory."""
    size = size_mb * MIB
    expected = hashlib.sha256()
    request = upload_request("bench.pdf", "application/pdf", _pdf_like(size, expected), size)
    request.upload_handlers = [
        CappedUploadHandler(request, max_bytes=size + MIB),
        TemporaryFileUploadHandler(request),
    ]
    rss_before = _maxrss_mb()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="digiorg-bench-") as folder:
            upload = cast(UploadedFile, request.FILES["file"])  # one file under "file"
            info = upload_inspect(upload, max_bytes=size + MIB)
            storage = FileSystemStorage(location=folder)
            stored = storage.save(info.name, upload)
            stored_size = storage.size(stored)
            seconds = time.perf_counter() - started
            python_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        request.close()  # removes the temporary upload file if it is still there
    return {
        "size_mb": size_mb,
        "seconds": round(seconds, 2),
        "python_peak_mb": round(python_peak / MIB, 2),
        "rss_growth_mb": round(_maxrss_mb() - rss_before, 1),
        "sha256_ok": info.sha256 == expected.hexdigest() and info.size == stored_size == size,
    }
