"""SQLite: parsed reports in four tables a user can query with any SQL tool.

documents 1—n sections, indicators, warnings (ON DELETE CASCADE). A document is known by the
sha256 of its bytes: `store` replaces the rows of a path whose content changed, one transaction
per report, so a batch killed midway leaves only whole documents behind and resumes. Schema and
example queries: docs/batch.md.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .model import Document, Indicator, Measure, Period, QualitativeTarget, Report, Section, Source, Warning

APPLICATION_ID = 0x544C5052  # "TLPR": marks a file as ours (PRAGMA application_id)
SCHEMA_VERSION = 3
# schema 1 lacked documents.year_source and .level, schema 2 the contexts, the Simplified forms and
# the pages: added on opening (ALTER TABLE … ADD COLUMN; the old rows have them empty)
_QUALITATIVE = """CREATE TABLE qualitative_targets (
  document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  canonical     TEXT    NOT NULL,
  text          TEXT    NOT NULL,
  line          INTEGER NOT NULL,
  column        INTEGER NOT NULL,
  span_start    INTEGER NOT NULL,
  span_end      INTEGER NOT NULL,
  PRIMARY KEY (document_id, seq)
);"""
_CONTEXT_COLUMNS = {
    "documents": ("region_simplified TEXT",),
    "indicators": ("context TEXT", "context_start INTEGER", "context_end INTEGER", "subject_simplified TEXT",
                   "page INTEGER"),
    "warnings": ("context TEXT", "context_start INTEGER", "context_end INTEGER", "page INTEGER"),
}
_MIGRATIONS = {1: "ALTER TABLE documents ADD COLUMN year_source TEXT; ALTER TABLE documents ADD COLUMN level TEXT;"
                  + _QUALITATIVE,
               2: "".join(f"ALTER TABLE {table} ADD COLUMN {column};"
                          for table, columns in _CONTEXT_COLUMNS.items() for column in columns)}
SUFFIXES = (".sqlite", ".sqlite3", ".db")  # file names batch takes for a database (so does no suffix)

_SCHEMA = """
CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  path          TEXT    NOT NULL UNIQUE,   -- as given on the command line
  sha256        TEXT    NOT NULL UNIQUE,   -- of the raw bytes; a re-run skips known ones
  encoding      TEXT    NOT NULL,
  chars         INTEGER NOT NULL,
  lines         INTEGER NOT NULL,
  title         TEXT,
  region        TEXT,
  year          INTEGER,                   -- the year the report is delivered in
  script        TEXT    NOT NULL,
  tool_version  TEXT    NOT NULL,
  year_source   TEXT,                      -- what gave the year (schema 2)
  level         TEXT,                      -- national / province / city / county (schema 2)
  region_simplified TEXT                   -- region in Simplified script, for matching (schema 3)
);
CREATE INDEX documents_region_year ON documents (region, year);

CREATE TABLE sections (
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,           -- 1, 2 … in text order
  id           TEXT    NOT NULL,           -- dotted ordinal path: "2.3" (a report may repeat one)
  label        TEXT    NOT NULL,
  title        TEXT    NOT NULL,
  level        INTEGER NOT NULL,
  line         INTEGER NOT NULL,
  span_start   INTEGER NOT NULL,
  span_end     INTEGER NOT NULL,
  inferred     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (document_id, seq)
);
CREATE INDEX sections_id ON sections (document_id, id);

CREATE TABLE indicators (
  document_id       INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  id                TEXT    NOT NULL,      -- i1, i2 … in text order
  year              INTEGER,               -- documents.year, copied for the (canonical, year) index
  section           TEXT,                  -- sections.id of the innermost section
  subject           TEXT,
  canonical         TEXT,
  value             REAL    NOT NULL,
  value_high        REAL,
  unit              TEXT    NOT NULL,
  dimension         TEXT    NOT NULL,
  normalized_value  REAL    NOT NULL,
  normalized_unit   TEXT    NOT NULL,
  qualifier         TEXT,
  direction         TEXT,
  status            TEXT    NOT NULL,      -- actual | target
  period_start      INTEGER,
  period_end        INTEGER,
  line              INTEGER NOT NULL,
  column            INTEGER NOT NULL,
  span_start        INTEGER NOT NULL,
  span_end          INTEGER NOT NULL,
  text              TEXT    NOT NULL,
  context           TEXT,                  -- the sentence it stands in (schema 3)
  context_start     INTEGER,
  context_end       INTEGER,
  subject_simplified TEXT,
  page              INTEGER,               -- of a PDF
  PRIMARY KEY (document_id, id)
);
CREATE INDEX indicators_canonical_year ON indicators (canonical, year);
CREATE INDEX indicators_canonical_period ON indicators (canonical, period_start);

CREATE TABLE warnings (
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,           -- 1, 2 … in report order
  code         TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  severity     TEXT    NOT NULL,
  message      TEXT    NOT NULL,
  line         INTEGER NOT NULL,
  column       INTEGER NOT NULL,
  span_start   INTEGER NOT NULL,
  span_end     INTEGER NOT NULL,
  text         TEXT    NOT NULL,
  context      TEXT,                       -- the sentence it stands in (schema 3)
  context_start INTEGER,
  context_end  INTEGER,
  page         INTEGER,
  PRIMARY KEY (document_id, seq)
);
CREATE INDEX warnings_code ON warnings (code);
""" + _QUALITATIVE

_IND_COLS = ("document_id", "id", "year", "section", "subject", "canonical", "value", "value_high", "unit",
             "dimension", "normalized_value", "normalized_unit", "qualifier", "direction", "status",
             "period_start", "period_end", "line", "column", "span_start", "span_end", "text",
             "context", "context_start", "context_end", "subject_simplified", "page")
_WARN_COLS = ("document_id", "seq", "code", "name", "severity", "message", "line", "column", "span_start",
              "span_end", "text", "context", "context_start", "context_end", "page")


class DatabaseError(Exception):
    """The file is not a database of ours, or cannot be opened or written."""


class RejectedReport(DatabaseError):
    """One report broke a constraint; nothing of it was stored, the database is fine."""


def is_database(path: str) -> bool:
    """True when the file starts with SQLite's magic header."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


class Database:
    """An open report database; created with the schema when the file is new or empty."""

    def __init__(self, path: str, create: bool = True):
        self.path = path
        if not create and not Path(path).is_file():
            raise DatabaseError(f"{path}: no such database")
        try:
            # transactions are explicit; another batch writing the same file is waited for
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._check_or_create(create)
        except sqlite3.Error as exc:
            raise DatabaseError(f"{path}: {exc}") from None

    def _check_or_create(self, create: bool) -> None:
        app = self.conn.execute("PRAGMA application_id").fetchone()[0]
        tables = self.conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        if app == APPLICATION_ID:
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            while version in _MIGRATIONS:
                self.conn.executescript(f"BEGIN; {_MIGRATIONS[version]} PRAGMA user_version = {version + 1}; COMMIT;")
                version += 1
            if version != SCHEMA_VERSION:
                raise DatabaseError(f"{self.path}: database schema {version}, this version reads {SCHEMA_VERSION}")
            return
        if tables or not create:
            raise DatabaseError(f"{self.path}: not a tonglaio-parse database")
        self.conn.executescript("BEGIN;" + _SCHEMA + f"PRAGMA application_id = {APPLICATION_ID};"
                                f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def has(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def known(self, path: str, sha256: str) -> bool:
        """True when these bytes are stored already, so `path` needs no parsing. A row that `path`
        held with other bytes before is dropped: the path now holds content stored elsewhere."""
        try:
            return self._known(_text(path), sha256)
        except sqlite3.Error as exc:
            raise DatabaseError(f"{self.path}: {exc}") from None

    def _known(self, path: str, sha256: str) -> bool:
        if not self.has(sha256):
            return False
        self.conn.execute("DELETE FROM documents WHERE path = ? AND sha256 != ?", (path, sha256))
        return True

    def store(self, report: Report) -> str:
        """Insert one report in its own transaction; 'added', 'replaced' (same path, new bytes)
        or 'unchanged' (these bytes are already stored)."""
        src, doc = report.source, report.document
        path = _text(src.path or "-")
        from . import __version__

        try:
            self.conn.execute("BEGIN IMMEDIATE")
            if self._known(path, src.sha256):
                self.conn.execute("COMMIT")
                return "unchanged"
            gone = self.conn.execute("DELETE FROM documents WHERE path = ?", (path,)).rowcount
            doc_id = self.conn.execute(
                "INSERT INTO documents (path, sha256, encoding, chars, lines, title, region, year, script,"
                " tool_version, year_source, level, region_simplified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (path, src.sha256, src.encoding, src.chars, src.lines, doc.title, doc.region, doc.year,
                 doc.script, __version__, doc.year_source, doc.level, doc.region_simplified)).lastrowid
            self.conn.executemany(
                "INSERT INTO sections VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(doc_id, n, s.id, s.label, s.title, s.level, s.line, s.span[0], s.span[1], int(s.inferred))
                 for n, s in enumerate(report.sections, 1)])
            self.conn.executemany(
                f"INSERT INTO indicators ({','.join(_IND_COLS)}) VALUES ({','.join('?' * len(_IND_COLS))})",
                [(doc_id, i.id, doc.year, i.section, i.subject, i.canonical, i.value, i.value_high, i.unit,
                  i.dimension, i.normalized_value, i.normalized_unit, i.qualifier, i.direction, i.status,
                  i.period.start if i.period else None, i.period.end if i.period else None,
                  i.line, i.column, i.span[0], i.span[1], i.text, i.context, *i.context_span,
                  i.subject_simplified, i.page) for i in report.indicators])
            self.conn.executemany(
                "INSERT INTO qualitative_targets VALUES (?,?,?,?,?,?,?,?)",
                [(doc_id, n, q.canonical, q.text, q.line, q.column, q.span[0], q.span[1])
                 for n, q in enumerate(report.qualitative_targets, 1)])
            self.conn.executemany(
                f"INSERT INTO warnings ({','.join(_WARN_COLS)}) VALUES ({','.join('?' * len(_WARN_COLS))})",
                [(doc_id, n, w.code, w.name, w.severity, w.message, w.line, w.column, w.span[0], w.span[1],
                  w.text, w.context, *w.context_span, w.page) for n, w in enumerate(report.warnings, 1)])
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            error = RejectedReport if isinstance(exc, sqlite3.IntegrityError) else DatabaseError
            raise error(f"{path}: cannot store in {self.path} ({exc})") from None
        return "replaced" if gone else "added"

    def reports(self) -> list[Report]:
        """Every stored report, in the order stored (without the text itself)."""
        try:
            return [self._report(row) for row in self.conn.execute(
                "SELECT id, path, sha256, encoding, chars, lines, title, region, year, script, year_source,"
                " level, region_simplified FROM documents ORDER BY id").fetchall()]
        except sqlite3.Error as exc:
            raise DatabaseError(f"{self.path}: {exc}") from None

    def _report(self, row) -> Report:
        doc_id, path, sha, enc, chars, lines, title, region, year, script, year_source, level, simplified = row
        q = self.conn.execute
        sections = [Section(i, label, t, level, line, (a, b), bool(inf)) for i, label, t, level, line, a, b, inf in
                    q("SELECT id, label, title, level, line, span_start, span_end, inferred FROM sections"
                      " WHERE document_id = ? ORDER BY seq", (doc_id,))]
        indicators = [_indicator(r) for r in q(
            f"SELECT {','.join(_IND_COLS[1:2] + _IND_COLS[3:])} FROM indicators WHERE document_id = ?"
            " ORDER BY rowid", (doc_id,))]
        warnings = [Warning(code, name, sev, msg, line, col, (a, b), text, context or "", (ca or 0, cb or 0), page)
                    for code, name, sev, msg, line, col, a, b, text, context, ca, cb, page in
                    q(f"SELECT {','.join(_WARN_COLS[2:])} FROM warnings WHERE document_id = ? ORDER BY seq",
                      (doc_id,))]
        stated = [QualitativeTarget(canonical, text, line, col, (a, b))
                  for canonical, text, line, col, a, b in
                  q("SELECT canonical, text, line, column, span_start, span_end FROM qualitative_targets"
                    " WHERE document_id = ? ORDER BY seq", (doc_id,))]
        return Report(Source(path, sha, enc, chars, lines),
                      Document(title, region, year, script, year_source, level, simplified),
                      sections, indicators, warnings, qualitative_targets=stated)


def _text(path: str) -> str:
    """A file name with undecodable bytes (surrogates) as storable text (backslash escapes)."""
    return path.encode("utf-8", "backslashreplace").decode("utf-8")


def _indicator(r) -> Indicator:
    (id_, section, subject, canonical, value, value_high, unit, dimension, nvalue, nunit, qualifier,
     direction, status, p_start, p_end, line, column, a, b, text, context, ca, cb, simplified, page) = r
    period = Period(p_start, p_end) if p_start is not None and p_end is not None else None
    measure = Measure(value, value_high, unit, dimension, nvalue, nunit, qualifier)
    return Indicator(id_, subject, canonical, measure, direction, status, period, section, line, column, (a, b),
                     text, context or "", (ca or 0, cb or 0), simplified, page)


def read_reports(path: str) -> list[Report]:
    with Database(path, create=False) as db:
        return db.reports()


def write(reports: list, path: str) -> None:
    """Store reports in the database at `path` (created when new)."""
    with Database(path) as db:
        for r in reports:
            db.store(r)
