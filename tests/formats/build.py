"""Builds one input of each format from the articles in articles.py, as the tools people use write them.

`python tests/formats/build.py fixtures/formats` writes the fixture files `clipper ingest fixtures/`
shows; tests call the builders directly for the files they need (a WARC of 200 records, a scanned PDF).
"""
from __future__ import annotations

import html
import io
import sys
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

try:
    from articles import Article  # run as a script
except ImportError:  # imported by the tests
    from .articles import Article

DATE_TIME = "T07:30:00+01:00"


def html_page(a: Article) -> str:
    """A news page: navigation, the article with its headline and date, related links and a footer."""
    body = "\n".join(f"      <p>{html.escape(p)}</p>" for p in a.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{a.language}">
<head>
  <meta charset="utf-8">
  <title>{html.escape(a.title)} | {a.site}</title>
  <meta property="og:title" content="{html.escape(a.title)}">
  <meta property="article:published_time" content="{a.published}{DATE_TIME}">
  <link rel="canonical" href="{a.url}">
</head>
<body>
  <header><nav><a href="/">{a.site}</a> <a href="/nyheter">Nyheter</a> <a href="/sport">Sport</a>
  <a href="/kultur">Kultur</a> <a href="/debatt">Debatt</a></nav></header>
  <main>
    <article>
      <h1>{html.escape(a.title)}</h1>
      <time datetime="{a.published}{DATE_TIME}">{a.published}</time>
{body}
    </article>
    <aside><h2>Mest läst</h2><ul><li><a href="/a">Trafikolycka på E4</a></li>
    <li><a href="/b">Nytt badhus invigt</a></li><li><a href="/c">Vädret i helgen</a></li></ul></aside>
  </main>
  <footer><p>© 2025 {a.site}. Ansvarig utgivare: Redaktionen.</p></footer>
</body>
</html>
"""


def pdf_bytes(a: Article, font_size: int = 14) -> bytes:
    """A printed article: running head and 'Sida N av M' on every page, text justified in one column."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    out = io.BytesIO()
    head = f"{a.site} · {a.published}"

    class Numbered(SimpleDocTemplate):
        def afterFlowable(self, flowable):  # noqa: N802 - reportlab's hook
            pass

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        canvas.drawString(60, A4[1] - 40, head)
        canvas.drawRightString(A4[0] - 60, 30, f"Sida {doc.page}")
        canvas.restoreState()

    doc = Numbered(out, pagesize=A4, leftMargin=60, rightMargin=60, topMargin=70, bottomMargin=60,
                   title=a.title, invariant=True)
    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=font_size + 8, leading=font_size + 12)
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=font_size, leading=font_size * 1.4,
                          alignment=4, spaceAfter=font_size * 0.6)
    story = [Paragraph(html.escape(a.title), title), Spacer(1, 12)]
    story += [Paragraph(html.escape(p), body) for p in a.paragraphs]
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()


def scanned_pdf_bytes(pages: int = 2) -> bytes:
    """What a scanner without OCR gives: pages of picture (here grey lines standing for text), no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=True)
    for _ in range(pages):
        c.setFillGray(0.3)
        for row in range(40):
            c.rect(60, A4[1] - 80 - row * 18, 420 + (row * 37) % 60, 8, stroke=0, fill=1)
        c.showPage()
    c.save()
    return out.getvalue()


def email_message(a: Article, sender: str = "nyhetsbrev@example.org", html_part: bool = True) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"{a.site} <{sender}>"
    msg["To"] = "bevakning@example.org"
    msg["Subject"] = a.title
    msg["Date"] = format_datetime(datetime.fromisoformat(a.published + DATE_TIME))
    msg["Message-ID"] = make_msgid("clip", "example.org").replace("<", f"<{a.published}.")
    msg.set_content("\n\n".join([a.title, *a.paragraphs]))
    if html_part:
        msg.add_alternative(html_page(a), subtype="html")
    return msg


def eml_bytes(a: Article) -> bytes:
    return bytes(email_message(a))


def mbox_bytes(articles: list[Article]) -> bytes:
    out = []
    for a in articles:
        stamp = datetime.fromisoformat(a.published + DATE_TIME).strftime("%a %b %d %H:%M:%S %Y")
        body = bytes(email_message(a, html_part=False)).replace(b"\nFrom ", b"\n>From ")
        out.append(b"From nyhetsbrev@example.org " + stamp.encode() + b"\n" + body.rstrip(b"\n") + b"\n\n")
    return b"".join(out)


def mhtml_bytes(a: Article) -> bytes:
    """As Chrome's "Save as single file" writes it: the page, quoted-printable, and a stylesheet."""
    boundary = "----MultipartBoundary--Gq2ZzdlQ0x6Cj7k3f1rT----"
    import quopri

    page = quopri.encodestring(html_page(a).encode("utf-8")).decode("ascii")
    return (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {a.url}\r\n"
        f"Subject: {a.title.encode('ascii', 'replace').decode()}\r\n"
        "Date: Mon, 20 Jan 2025 09:12:44 +0100\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: {a.url}\r\n\r\n"
        f"{page.replace(chr(10), chr(13) + chr(10))}\r\n"
        f"--{boundary}\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://static.example/site.css\r\n\r\n"
        "body { font-family: Georgia, serif; }\r\n"
        f"--{boundary}--\r\n"
    ).encode("ascii")


def warc_gz_bytes(articles: list[Article], with_others: bool = True) -> bytes:
    """A crawl: an HTML response per article, and (with_others) a request record and an image response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    for number, a in enumerate(articles):
        if with_others and number == 1:
            request = StatusAndHeaders("GET /logo.png HTTP/1.1", [("Host", "static.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record("https://static.example/logo.png", "request",
                                                          http_headers=request))
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://static.example/logo.png", "response",
                                                          payload=io.BytesIO(png), http_headers=image))
        page = html_page(a).encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(a.url, "response", payload=io.BytesIO(page), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": f"{a.published}T09:00:00Z"})
        writer.write_record(record)
    return out.getvalue()


def docx_bytes(a: Article) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = a.title
    document.add_heading(a.title, level=1)
    document.add_paragraph(f"Pressmeddelande, {a.published}")
    for p in a.paragraphs:
        document.add_paragraph(p)
    document.add_paragraph("För mer information, kontakta pressavdelningen.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rtf_bytes(a: Article) -> bytes:
    """As a word processor exports it: Windows-1252, non-ASCII letters as \\'xx escapes."""
    def escape(text: str) -> str:
        out = []
        for ch in text:
            if ch in "\\{}":
                out.append("\\" + ch)
            elif ord(ch) < 128:
                out.append(ch)
            else:
                code = ch.encode("cp1252", "replace")[0]
                out.append(f"\\'{code:02x}")
        return "".join(out)

    paragraphs = "".join(f"\\pard\\sa200\\f0\\fs24 {escape(p)}\\par\n" for p in a.paragraphs)
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}}\n"
        "{\\info{\\title " + escape(a.title) + "}}\n"
        "\\pard\\sa200\\b\\fs32 " + escape(a.title) + "\\b0\\par\n" + paragraphs + "}\n"
    ).encode("ascii")


def write_fixtures(folder: Path) -> None:
    from articles import AARHUS, BERGEN, ESBJERG, GAVLE, NORRBOTTEN, ODENSE, SJAELLAND, TROMSO, TRONDHEIM, UMEA, VASTRA

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "norrbotten_journalsystem.pdf").write_bytes(pdf_bytes(NORRBOTTEN))
    (folder / "sjaelland_patientjournal.eml").write_bytes(eml_bytes(SJAELLAND))
    (folder / "bevakning.mbox").write_bytes(mbox_bytes([VASTRA, ODENSE, BERGEN]))
    (folder / "helse_nord_kurve.mhtml").write_bytes(mhtml_bytes(TROMSO))
    (folder / "crawl.warc.gz").write_bytes(warc_gz_bytes([UMEA, AARHUS, TRONDHEIM]))
    (folder / "pressmeddelande.docx").write_bytes(docx_bytes(GAVLE))
    (folder / "esbjerg_arkiv.rtf").write_bytes(rtf_bytes(ESBJERG))


if __name__ == "__main__":
    write_fixtures(Path(sys.argv[1]))

