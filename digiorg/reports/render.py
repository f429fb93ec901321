"""One entry for every report format, used by the pages and by `digiorg report`."""

import tempfile
from typing import IO

from .data import ReportData

FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "pack": ("application/zip", "zip"),
}


def file_name(data: ReportData, fmt: str) -> str:
    who = data.unit.code if data.unit is not None else data.organization.code
    kind = {"pdf": "readiness", "docx": "memo", "xlsx": "workbook", "pack": "survey-pack"}[fmt]
    return f"digiorg-{kind}-{who}-FY{data.cycle.fiscal_year}.{FORMATS[fmt][1]}"


def render_to(data: ReportData, fmt: str, out: IO[bytes]) -> None:
    """Write the report in `fmt` to the binary file `out`."""
    if fmt == "pdf":
        from .pdf import render_pdf

        out.write(render_pdf(data))
    elif fmt == "docx":
        from .docx import render_docx

        out.write(render_docx(data))
    elif fmt == "xlsx":
        from .xlsx import render_xlsx

        out.write(render_xlsx(data))
    elif fmt == "pack":
        from .pack import write_pack

        write_pack(data, out)
    else:
        raise ValueError(fmt)


def render_temp(data: ReportData, fmt: str) -> IO[bytes]:
    """The report in a temporary file (deleted when closed), rewound: a pack of evidence can be
    large, so it is never built in memory."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that streams it)
    render_to(data, fmt, handle)
    handle.seek(0)
    return handle
