import subprocess


def pdf_text(content: bytes, tmp_path, *pages: int) -> str:
    """The text of a PDF (of its `pages` first to last, or all), laid out as pdftotext reads it."""
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    command = ["pdftotext", "-layout", *first_last, str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout
