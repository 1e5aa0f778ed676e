from jobber_tui.cli import run

run()
