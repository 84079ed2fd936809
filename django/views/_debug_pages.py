"""HTML and plain-text formatting of the DEBUG pages (built in code: no template engine needed)."""

from __future__ import annotations

import pprint
from typing import Any

from django.utils.html import escape

_STYLE = """
html * { padding:0; margin:0; }
body * { padding:10px 20px; }
body * * { padding:0; }
body { font-family: sans-serif; background:#eee; color:#000; }
body > :where(header, main, footer) { border-bottom:1px solid #ddd; }
h1 { font-weight:normal; margin-bottom:.4em; }
h1 small { font-size:60%; color:#666; font-weight:normal; }
h2 { margin-bottom:.8em; }
h3 { margin:1em 0 .5em 0; }
table { border:none; border-collapse: collapse; width:100%; }
td, th { vertical-align:top; padding:2px 3px; }
th { width:12em; text-align:right; color:#666; padding-right:.5em; }
pre { font-size:100%; white-space:pre-wrap; word-break:break-word; }
header { background:#ffc; }
main { background:#f6f6f6; }
footer { background:#eee; color:#666; }
ol.patterns li, ul.frames li { list-style-type:none; margin-bottom:.5em; }
.frame .context-line { background:#ccc; }
.vars td pre { font-family: monospace; }
#template, #template-not-exist { background:#f6f6f6; }
#template-not-exist ul { margin: 0 0 10px 20px; }
#template-not-exist .postmortem-section { margin-top:.6em; }
table.source th { width:3em; color:#666; text-align:right; }
table.source td { font-family:monospace; white-space:pre-wrap; word-break:break-word; }
table.source tr.error td { background:#fdd; }
table.source .specific { background:#c00; color:#fff; font-weight:bold; }
"""


def _raw_uri(request: Any) -> str:
    """The requested URL built from the raw Host header: the page must not fail on a bad host."""
    try:
        host = request._get_raw_host()
    except Exception:
        host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
    try:
        scheme = request.scheme
    except Exception:
        scheme = "http"
    return f"{scheme}://{host}{request.get_full_path()}"


def _request_url(request: Any, is_email: bool) -> str:
    # Error e-mails must always be built; the DEBUG page validates the host like any
    # response would (the handler answers a disallowed host with a plain 400 then).
    return _raw_uri(request) if is_email else request.build_absolute_uri()


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta http-equiv="content-type" content="text/html; charset=utf-8">\n'
        f'  <meta name="robots" content="NONE,NOARCHIVE">\n  <title>{escape(title)}</title>\n'
        f"  <style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _debug_footer(standard: str) -> str:
    return (
        "<footer><p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django "
        f"settings file. Change that to <code>False</code>, and Django will display a standard {standard}.</p></footer>"
    )


def _table(rows: Any, empty: str) -> str:
    rows = list(rows)
    if not rows:
        return f"<p>{escape(empty)}</p>"
    cells = "".join(
        f'<tr><td>{escape(str(key))}</td><td class="code"><pre>{escape(_fmt(value))}</pre></td></tr>'
        for key, value in rows
    )
    return f'<table class="req"><thead><tr><th scope="col">Variable</th><th scope="col">Value</th></tr></thead><tbody>{cells}</tbody></table>'


def _fmt(value: Any) -> str:
    return value if isinstance(value, str) else pprint.pformat(value)


# -- 404 ----------------------------------------------------------------------------------


def _pattern_text(entry: Any) -> str:
    parts = []
    for pattern in entry:
        text = str(pattern.pattern)
        name = getattr(pattern, "name", None)
        if name:
            text += f" [name='{name}']"
        parts.append(text)
    return " ".join(parts)


def render_404_html(c: dict) -> str:
    request = c["request"]
    header = (
        f"<header><h1>Page not found <small>(404)</small></h1>"
        f"{'<pre class=exception_value>' + escape(c['reason']) + '</pre>' if c['reason'] and c['resolved'] else ''}"
        '<table class="meta">'
        f"<tr><th scope=row>Request Method:</th><td>{escape(request.method or '')}</td></tr>"
        f"<tr><th scope=row>Request URL:</th><td>{escape(_raw_uri(request))}</td></tr>"
        + (
            f"<tr><th scope=row>Raised by:</th><td>{escape(c['raising_view_name'])}</td></tr>"
            if c["raising_view_name"]
            else ""
        )
        + "</table></header>"
    )
    if c["urlpatterns"] and not c["resolved"]:
        items = "".join(f"<li>{escape(_pattern_text(entry))}</li>" for entry in c["urlpatterns"])
        path = c["request_path"]
        reason = (
            f"The current path, <code>{escape(path)}</code>, didn’t match any of these."
            if path
            else "The empty path didn’t match any of these."
        )
        main = (
            f"<main><p>Using the URLconf defined in <code>{escape(str(c['urlconf']))}</code>, Django tried these URL "
            f'patterns, in this order:</p><ol class="patterns">{items}</ol><p>{reason}</p></main>'
        )
    else:
        main = f"<main><pre>{escape(c['reason'])}</pre></main>"
    return _page("Page not found at " + request.path_info, header + main + _debug_footer("404 page"))


def render_404_text(c: dict) -> str:
    request = c["request"]
    lines = [
        "Page not found (404)",
        f"Request Method: {request.method}",
        f"Request URL: {_raw_uri(request)}",
    ]
    if c["raising_view_name"]:
        lines.append(f"Raised by: {c['raising_view_name']}")
    lines.append("")
    if c["urlpatterns"] and not c["resolved"]:
        lines.append(
            f"Using the URLconf defined in {c['urlconf']}, Django tried these URL patterns, in this order:"
        )
        lines.extend(f"{number}. {_pattern_text(entry)}" for number, entry in enumerate(c["urlpatterns"], 1))
        path = c["request_path"]
        lines.append(
            f"The current path, {path}, didn’t match any of these."
            if path
            else "The empty path didn’t match any of these."
        )
    else:
        lines.append(c["reason"])
    lines += ["", "You’re seeing this error because you have DEBUG = True in your Django settings file."]
    return "\n".join(lines) + "\n"


# -- 500 ----------------------------------------------------------------------------------


def _title(d: dict) -> str:
    if d["exception_type"]:
        location = f" at {d['request'].path_info}" if d["request"] is not None else ""
        return f"{d['exception_type']}{location}"
    return "Report" + (f" at {d['request'].path_info}" if d["request"] is not None else "")


def _frame_html(frame: dict) -> str:
    start = frame["pre_context_lineno"]
    pre = "".join(
        f"<li value={start + i}><pre>{escape(line)}</pre></li>" for i, line in enumerate(frame["pre_context"])
    )
    post = "".join(
        f"<li value={frame['lineno'] + 1 + i}><pre>{escape(line)}</pre></li>"
        for i, line in enumerate(frame["post_context"])
    )
    context = (
        f'<ol class="pre-context">{pre}</ol><ol class="context-line"><li value={frame["lineno"]}><pre>'
        f'{escape(frame["context_line"] or "")}</pre></li></ol><ol class="post-context">{post}</ol>'
    )
    variables = "".join(
        f'<tr><td>{escape(name)}</td><td class="code"><pre>{escape(value)}</pre></td></tr>'
        for name, value in frame["vars"]
    )
    return (
        f'<li class="frame {frame["type"]}"><code class="fname">{escape(frame["filename"])}</code>, line '
        f'{frame["lineno"]}, in {escape(frame["function"])}<div class="context">{context}</div>'
        f'<details><summary>Local vars</summary><table class="vars"><tbody>{variables}</tbody></table></details></li>'
    )


def render_500_html(d: dict) -> str:
    request = d["request"]
    value = d["exception_value"] or "No exception message supplied"
    meta = [
        ("Request Method", request.method if request is not None else None),
        ("Request URL", _request_url(request, d["is_email"]) if request is not None else None),
        ("Django Version", d["django_version_info"]),
        ("Exception Type", d["exception_type"]),
        ("Exception Value", value),
        (
            "Exception Location",
            f"{d['lastframe']['filename']}, line {d['lastframe']['lineno']}, in {d['lastframe']['function']}"
            if d["lastframe"]
            else None,
        ),
        ("Raised during", getattr(getattr(request, "resolver_match", None), "_func_path", None)),
        ("Python Executable", d["sys_executable"]),
        ("Python Version", d["sys_version_info"]),
        ("Python Path", pprint.pformat(d["sys_path"])),
        ("Server time", str(d["server_time"])),
    ]
    meta_rows = "".join(
        f"<tr><th scope=row>{name}:</th><td><pre>{escape(str(v))}</pre></td></tr>"
        for name, v in meta
        if v is not None
    )
    header = (
        f"<header id=summary><h1>{escape(d['exception_type'] or 'Report')}"
        f"{' at ' + escape(request.path_info) if request is not None else ''}</h1>"
        f'<pre class="exception_value">{escape(value)}</pre><table class="meta">{meta_rows}</table>'
        + (
            f"<div id=unicode-hint><h2>Unicode error hint</h2><p>The string that could not be encoded/decoded was: <strong>{escape(d['unicode_hint'])}</strong></p></div>"
            if d.get("unicode_hint")
            else ""
        )
        + "</header>"
    )
    frames = "".join(_frame_html(frame) for frame in d["frames"])
    plain = "\n".join([*_template_sections_text(d), _traceback_text(d)])
    traceback = f'<main id=traceback><h2>Traceback</h2><ul class="frames">{frames}</ul><h3>Plain text</h3><pre id=traceback_area>{escape(plain)}</pre></main>'
    info = _request_info_html(d)
    footer = "" if d["is_email"] else _debug_footer("500 page")
    return _page(_title(d), header + _template_sections_html(d) + traceback + info + footer)


def _request_info_html(d: dict) -> str:
    request = d["request"]
    sections = ["<section id=requestinfo><h2>Request information</h2>"]
    if request is not None:
        sections.append(
            f"<h3 id=user-info>USER</h3><p>{escape(d['user_str'] or '[unable to retrieve the current user]')}</p>"
        )
        sections.append("<h3 id=get-info>GET</h3>" + _table(d["request_GET_items"], "No GET data"))
        sections.append("<h3 id=post-info>POST</h3>" + _table(d["filtered_POST_items"], "No POST data"))
        sections.append("<h3 id=files-info>FILES</h3>" + _table(d["request_FILES_items"], "No FILES data"))
        sections.append(
            "<h3 id=cookie-info>COOKIES</h3>" + _table(d["request_COOKIES_items"], "No cookie data")
        )
        sections.append(
            "<h3 id=meta-info>META</h3>" + _table(sorted(d["request_meta"].items()), "No META data")
        )
    else:
        sections.append("<p>Request data not supplied</p>")
    sections.append(
        "<h3 id=settings-info>Settings</h3><h4>Using settings module <code>"
        + escape(str(d["settings"].get("SETTINGS_MODULE", "")))
        + "</code></h4>"
    )
    sections.append(_table(sorted(d["settings"].items()), "No settings"))
    sections.append("</section>")
    return "".join(sections)


def _postmortem_html(engines: list[dict]) -> str:
    if not engines:
        body = "<p>No templates were found because your 'TEMPLATES' setting is not configured.</p>"
    else:
        parts = ["<p>Django tried loading these templates, in this order:</p>"]
        for engine in engines:
            parts.append(
                f"<p class=postmortem-section>Using engine <code>{escape(engine['engine'])}</code>:</p>"
            )
            if engine["attempts"] is None:
                parts.append("<ul><li>This engine did not provide a list of tried templates.</li></ul>")
                continue
            items = "".join(
                f"<li><code>{escape(loader)}</code>: {escape(path)} ({escape(reason)})</li>"
                if loader
                else f"<li>{escape(path)} ({escape(reason)})</li>"
                for loader, path, reason in engine["attempts"]
            )
            parts.append(f"<ul>{items}</ul>")
        body = "".join(parts)
    return f"<section id=template-not-exist><h2>Template-loader postmortem</h2>{body}</section>"


def _template_excerpt_html(t: dict) -> str:
    rows = []
    for number, text, is_error in t["rows"]:
        if is_error:
            code = (
                f"{escape(t['before'])}<span class=specific>{escape(t['during'])}</span>{escape(t['after'])}"
            )
            rows.append(f"<tr class=error><th>{escape(number)}</th><td>{code}</td></tr>")
        else:
            rows.append(f"<tr><th>{escape(number)}</th><td>{escape(text)}</td></tr>")
    return (
        "<section id=template><h2>Error during template rendering</h2>"
        f"<p>In template <code>{escape(t['name'])}</code>, error at line <strong>{escape(t['line'])}</strong></p>"
        f"<h3>{escape(t['message'])}</h3><table class=source><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _template_sections_html(d: dict) -> str:
    html = ""
    if d.get("postmortem_engines") is not None:
        html += _postmortem_html(d["postmortem_engines"])
    if d.get("template_excerpt"):
        html += _template_excerpt_html(d["template_excerpt"])
    return html


def _template_sections_text(d: dict) -> list[str]:
    """The postmortem and the template excerpt as plain-text lines (empty when neither applies)."""
    lines: list[str] = []
    engines = d.get("postmortem_engines")
    if engines is not None:
        lines.append("Template-loader postmortem")
        if not engines:
            lines.append("No templates were found because your 'TEMPLATES' setting is not configured.")
        else:
            lines.append("Django tried loading these templates, in this order:")
        for engine in engines or []:
            lines += ["", f"Using engine {engine['engine']}:"]
            if engine["attempts"] is None:
                lines.append("    This engine did not provide a list of tried templates.")
            for loader, path, reason in engine["attempts"] or []:
                lines.append(f"    * {loader}: {path} ({reason})" if loader else f"    * {path} ({reason})")
        lines.append("")
    t = d.get("template_excerpt")
    if t:
        lines += [
            "Template error:",
            f"In template {t['name']}, error at line {t['line']}",
            f"   {t['message']}",
        ]
        width = max((len(number) for number, _, _ in t["rows"]), default=0)
        for number, text, is_error in t["rows"]:
            prefix = f"   {number.rjust(width)} : "
            if is_error:
                lines.append(prefix + t["before"] + t["during"] + t["after"])
                if t["during"] and "\n" not in t["during"]:
                    # A caret line under the failing token, as Python does for source excerpts.
                    indent = "".join(char if char == "\t" else " " for char in prefix + t["before"])
                    lines.append(indent + "^" * len(t["during"]))
            else:
                lines.append(prefix + text)
        lines.append("")
    return lines


def _traceback_text(d: dict) -> str:
    lines = ["Traceback (most recent call last):"]
    for frame in d["frames"]:
        lines.append(f'  File "{frame["filename"]}", line {frame["lineno"]}, in {frame["function"]}')
        if frame["context_line"]:
            lines.append(f"    {frame['context_line'].strip()}")
    lines.append(
        f"{d['exception_type']}: {d['exception_value']}" if d["exception_type"] else "No exception supplied"
    )
    return "\n".join(lines)


def render_500_text(d: dict) -> str:
    request = d["request"]
    lines = [_title(d), ""]
    if request is not None:
        lines += [f"Request Method: {request.method}", f"Request URL: {_request_url(request, d['is_email'])}"]
    lines += [
        f"Django Version: {d['django_version_info']}",
        f"Python Executable: {d['sys_executable']}",
        f"Python Version: {d['sys_version_info']}",
        f"Python Path: {d['sys_path']}",
        f"Server time: {d['server_time']}",
        "",
        *_template_sections_text(d),
        _traceback_text(d),
        "",
    ]
    if request is not None:
        lines.append(
            f"Request information:\nUSER: {d['user_str'] or '[unable to retrieve the current user]'}\n"
        )
        for title, rows, empty in (
            ("GET", d["request_GET_items"], "No GET data"),
            ("POST", d["filtered_POST_items"], "No POST data"),
            ("FILES", d["request_FILES_items"], "No FILES data"),
            ("COOKIES", list(d["request_COOKIES_items"]), "No cookie data"),
        ):
            lines.append(
                f"{title}:"
                + (
                    "".join(
                        f"\n{k} = {_fmt(v)!r}" if not isinstance(v, str) else f"\n{k} = {v!r}"
                        for k, v in rows
                    )
                    or f" {empty}"
                )
            )
        lines.append(
            "\nMETA:" + "".join(f"\n{k} = {_fmt(v)!r}" for k, v in sorted(d["request_meta"].items()))
        )
    else:
        lines.append("Request data not supplied")
    lines.append("\nSettings:\nUsing settings module " + str(d["settings"].get("SETTINGS_MODULE", "")))
    lines.extend(f"{k} = {_fmt(v)!r}" for k, v in sorted(d["settings"].items()))
    if not d["is_email"]:
        lines += [
            "",
            "You’re seeing this error because you have DEBUG = True in your Django settings file. Change that to False, and Django will display a standard page generated by the handler for this status code.",
        ]
    return "\n".join(lines) + "\n"


def render_default_urlconf() -> str:
    import django

    version = escape(django.get_version())
    body = (
        "<main><h1>The install worked successfully! Congratulations!</h1>"
        f"<p>You are seeing this page because <code>DEBUG=True</code> is in your settings file and you have not "
        f"configured any URLs.</p><p>Django {version} (Reinhardt)</p></main>"
    )
    return _page("The install worked successfully! Congratulations!", body)
