"""Builders of scans of a signed consent form: tiny valid PDF, JPEG and PNG files, made here."""

from __future__ import annotations

import struct
import uuid
import zlib
from typing import Any


def pdf_scan(text: str = "Ondertekend toestemmingsformulier") -> bytes:
    """A one-page PDF with a cross-reference table (every offset right)."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
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
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def png_scan() -> bytes:
    """A 1x1 grey PNG (signature, IHDR, IDAT, IEND, each chunk with its CRC)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def jpeg_scan() -> bytes:
    """A 1x1 grey baseline JPEG: one block, DC difference 0 and end of block, each coded with
    a one-bit Huffman code."""

    def segment(marker: int, data: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(data) + 2) + data

    one_code = bytes([1] + [0] * 15) + b"\x00"
    return (
        b"\xff\xd8"
        + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + segment(0xDB, b"\x00" + b"\x01" * 64)
        + segment(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00")
        + segment(0xC4, b"\x00" + one_code)
        + segment(0xC4, b"\x10" + one_code)
        + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + b"\x3f"
        + b"\xff\xd9"
    )


async def upload_scan(
    client: Any, headers: dict[str, str], content: bytes | None = None
) -> dict[str, Any]:
    """Upload a scan through the API (a PDF unless given); its ``id`` goes in ``evidence_id``."""
    response = await client.post(
        "/api/v1/evidence",
        content=pdf_scan() if content is None else content,
        headers={**headers, "content-type": "application/octet-stream"},
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def with_scans(
    client: Any, headers: dict[str, str], consents: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The consent bodies, each naming a freshly uploaded scan unless it names one already."""
    out = []
    for consent in consents:
        if "evidence_id" not in consent:
            consent = {**consent, "evidence_id": (await upload_scan(client, headers))["id"]}
        out.append(consent)
    return out


async def staged_scan(runtime: Any, principal: Any, content: bytes | None = None) -> uuid.UUID:
    """Stage a scan through the service directly (for tests that open files without HTTP)."""
    from zorgafstemming.audit.service import AuditContext
    from zorgafstemming.coordination.service import evidence

    async with runtime.unit_of_work() as uow:
        view = await evidence.stage_evidence(
            uow, principal, AuditContext(), pdf_scan() if content is None else content
        )
    return view.id
