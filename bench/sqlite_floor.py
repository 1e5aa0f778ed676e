"""The floor for Jobber's read commands: the same query and the same output with nothing but Python's
sqlite3 (and tomllib for the two commands that read files, not jobs). No argument parsing library,
no config checks, no start-up sweeps, no logging: what any program printing these bytes must pay.

bench/cli_startup.py runs each mode next to the Jobber command and checks both print the same bytes.

    python bench/sqlite_floor.py list-json HOME       # jobber jobs list --json
    python bench/sqlite_floor.py list HOME            # jobber jobs list (COLUMNS=120)
    python bench/sqlite_floor.py show HOME ID         # jobber jobs show ID
    python bench/sqlite_floor.py sources HOME         # jobber sources list
    python bench/sqlite_floor.py templates HOME BUNDLED_TEMPLATES_DIR   # jobber templates list
"""

import sys


def connect(home):
    import sqlite3

    return sqlite3.connect(f"{home}/jobber.db", isolation_level=None)


def list_json(home):
    # The same statement Jobber runs (core/job_columns.list_json_sql), written out by hand.
    camel = [
        "id",
        "source",
        "sourceJobId",
        "sourceBoard",
        "title",
        "employer",
        "location",
        "isRemote",
        "jobUrl",
        "applicationUrl",
        "jobDescription",
        "salary",
        "salaryMin",
        "salaryMax",
        "salaryCurrency",
        "salaryPeriod",
        "datePosted",
        "deadline",
        "status",
        "suitabilityScore",
        "suitabilityReason",
        "tailoredHeadline",
        "tailoredSummary",
        "tailoredSkills",
        "selectedProjectIds",
        "template",
        "pdfPath",
        "pdfFingerprint",
        "pdfGeneratedAt",
        "lastError",
        "createdAt",
        "updatedAt",
        "readyAt",
        "appliedAt",
        "coverLetter",
        "coverLetterPath",
        "coverLetterFingerprint",
        "stage",
        "outcome",
    ]
    args = []
    for name in camel:
        column = "".join("_" + c.lower() if c.isupper() else c for c in name)
        if column in ("tailored_skills", "selected_project_ids"):
            value = f"json({column})"
        elif column == "is_remote":
            value = f"json(CASE WHEN {column} THEN 'true' ELSE 'false' END)"
        elif column in ("pdf_path", "cover_letter_path"):
            value = f"CASE WHEN {column} IS NULL OR {column} LIKE '/%' THEN {column} ELSE ? || '/' || {column} END"
        else:
            value = column
        args.append(f"'{name}', {value}")
    sql = f"SELECT json_group_array(json_object({', '.join(args)})) FROM (SELECT * FROM job ORDER BY id)"
    text = connect(home).execute(sql, (home, home)).fetchone()[0]
    sys.stdout.buffer.write(text.encode() + b"\n")


def cell(value, width):
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def list_table(home):
    rows = (
        connect(home)
        .execute("SELECT id, status, suitability_score, title, employer, deadline, updated_at FROM job ORDER BY id")
        .fetchall()
    )
    flexible = max((120 - 40 - 6) // 2, 12)
    widths = (5, 10, 5, flexible, flexible, 10, 10)
    lines = [
        " ".join(
            cell(h, w).ljust(w)
            for h, w in zip(("ID", "STATUS", "SCORE", "TITLE", "EMPLOYER", "DEADLINE", "UPDATED"), widths, strict=True)
        ).rstrip()
    ]
    for row in rows:
        row = (*row[:6], (row[6] or "")[:10])
        lines.append(" ".join(cell(v, w).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    lines.append("")
    sys.stdout.write("\n".join(lines))


def show(home, job_id):
    import json
    import os

    conn = connect(home)
    conn.row_factory = __import__("sqlite3").Row
    job = dict(conn.execute("SELECT * FROM job WHERE id = ?", (int(job_id),)).fetchone())
    events = conn.execute(
        "SELECT at, kind, from_status, to_status, detail FROM job_event WHERE job_id = ? ORDER BY id", (int(job_id),)
    ).fetchall()
    out = [f"#{job['id']} {job['title']} at {job['employer']}  [{job['status']}]"]
    for key in (
        "stage",
        "outcome",
        "location",
        "is_remote",
        "salary",
        "job_url",
        "application_url",
        "date_posted",
        "deadline",
        "suitability_score",
        "suitability_reason",
        "template",
        "tailored_headline",
        "tailored_summary",
        "last_error",
    ):
        value = bool(job[key]) if key == "is_remote" else job[key]
        if value not in (None, "", False):
            camel = key.split("_")[0] + "".join(p.title() for p in key.split("_")[1:])
            out.append(f"  {camel:<18} {value}")
    if job["tailored_skills"]:
        groups = "; ".join(f"{g['name']}: {', '.join(g['keywords'])}" for g in json.loads(job["tailored_skills"]))
        out.append(f"  {'tailoredSkills':<18} {groups}")
    if job["selected_project_ids"] and json.loads(job["selected_project_ids"]):
        out.append(f"  {'selectedProjectIds':<18} {', '.join(json.loads(job['selected_project_ids']))}")
    path = f"{home}/{job['pdf_path']}" if job["pdf_path"] else f"{home}/pdfs/resume_{job_id}.pdf"
    exists = os.path.isfile(path)
    pages_wanted = 1  # [templates.NAME] pages, 1 unless config.toml says otherwise
    if os.path.isfile(f"{home}/config.toml"):
        import tomllib

        with open(f"{home}/config.toml", "rb") as handle:
            templates = tomllib.load(handle).get("templates", {})
        pages_wanted = templates.get(job["template"] or "classic", {}).get("pages", 1)
    out.append("PDF")
    for key, value in (
        ("path", path),
        ("exists", exists),
        ("current", False),
        ("state", "stale" if exists else "missing"),
        ("generatedAt", job["pdf_generated_at"]),
        ("lastError", job["last_error"]),
        ("pagesWanted", pages_wanted),
    ):
        if value not in (None, ""):
            out.append(f"  {key:<18} {value}")
    if job["job_description"]:
        out.append("Description")
        out += [f"  {line}" for line in job["job_description"].splitlines()[:40]]
    out.append("Timeline")
    for at, kind, before, after, detail in events:
        move = f" {before or ''} -> {after}" if after else ""
        note = f"  {detail}" if detail else ""
        out.append(f"  {at}  {kind}{move}{note}")
    out.append("")
    sys.stdout.write("\n".join(out))


def sources(home):
    import tomllib

    bases = {
        "greenhouse": "https://boards-api.greenhouse.io",
        "lever": "https://api.lever.co",
        "ashby": "https://api.ashbyhq.com",
        "workable": "https://apply.workable.com",
        "recruitee": "https://{board}.recruitee.com",
    }
    with open(f"{home}/config.toml", "rb") as handle:
        config = tomllib.load(handle)
    for source in config.get("sources", []):
        base = (source.get("base_url") or bases[source["kind"]]).replace("{board}", source["board"]).rstrip("/")
        print(f"{source['kind']:<11} {source['board']:<24} {base}")


def templates(home, bundled):
    import os
    import tomllib

    found = {}
    for folder, origin in ((bundled, "bundled"), (f"{home}/templates", "user")):
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not os.path.isfile(f"{folder}/{name}/main.typ"):
                continue
            meta = {}
            if os.path.isfile(f"{folder}/{name}/template.toml"):
                with open(f"{folder}/{name}/template.toml", "rb") as handle:
                    meta = tomllib.load(handle)
            found[name] = (origin, str(meta.get("description", "")), meta.get("kind", "resume"))
    for name in sorted(found):
        origin, description, kind = found[name]
        if kind == "resume":
            print(f"{'*' if name == 'classic' else ' '} {name:<16} {origin:<8} {description}")


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    {"list-json": list_json, "list": list_table, "show": show, "sources": sources, "templates": templates}[mode](*rest)
