from medlint.cli import run

run()
