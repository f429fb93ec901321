"""Small, valid sample files for the demo: a one-page PDF with a few lines of text and a PNG
chart. Written by hand so the demo needs no PDF or image library."""

import struct
import zlib


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page A4 PDF showing `lines` (ASCII) in Helvetica."""
    stream_lines = ["BT", "/F1 16 Tf", "60 770 Td", "22 TL"]
    for line in lines:
        stream_lines.append(f"({_pdf_text(line.encode('ascii', 'replace').decode())}) Tj T*")
    stream_lines.append("ET")
    stream = "\n".join(stream_lines).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(bars: list[int], width: int = 320, height: int = 200) -> bytes:
    """A PNG bar chart (values 0-100), like a screenshot of a report."""
    background, bar = (250, 250, 250), (13, 110, 253)
    slot = width // max(len(bars), 1)
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")
        for x in range(width):
            index = x // slot
            top = height - int(height * 0.9 * (bars[index] if index < len(bars) else 0) / 100)
            inside = index < len(bars) and x % slot > 4 and y >= top
            row += bytes(bar if inside else background)
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )
