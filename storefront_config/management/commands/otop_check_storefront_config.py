from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from storefront_config import loader, selectors


class Command(BaseCommand):
    help = (
        "Check every market's storefront file: schema, translations, and that the collections, "
        "provinces and producers it names exist and are visible. Prints file, JSON path and problem."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", dest="directory", default=None, help="Folder of market files (default: the configured one)."
        )

    def handle(self, *args, directory=None, **options):
        folder = Path(directory) if directory else loader.markets_dir()
        files = loader.market_files(folder)
        if not files:
            raise CommandError(f"{folder}: no *{loader.FILE_SUFFIX} market files")
        problems = selectors.all_problems(directory=folder)
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in {len(files)} market file(s)")
        self.stdout.write(f"{len(files)} market file(s) OK: {', '.join(path.stem.upper() for path in files)}")
