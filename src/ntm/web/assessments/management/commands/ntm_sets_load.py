"""Store criteria sets in the database: the shipped ones, NTM_CRITERIA_DIR's, or given files.

A set whose content is already stored is not stored again; a changed file is a new version (a
new content hash), and periods keep pointing at the version they were judged with.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ntm.criteria import CriteriaFileError, load_set, read_set_file, set_files
from ntm.web.assessments.services import criteria_set_store


class Command(BaseCommand):
    help = "Nạp bộ tiêu chí (tệp YAML) vào cơ sở dữ liệu; mỗi nội dung khác nhau là một phiên bản."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", help="Tệp bộ tiêu chí; mặc định: mọi bộ hiện có")

    def handle(self, *args: Any, paths: list[str], **options: Any) -> None:
        files = paths or [str(p) for p in set_files().values()]
        for path in files:
            try:
                cset = load_set(path)
            except CriteriaFileError as exc:
                raise CommandError(str(exc)) from None
            record = criteria_set_store(cset=cset, data=read_set_file(path))
            self.stdout.write(f"{record.code}: phiên bản {record.content_hash[:12]}")
