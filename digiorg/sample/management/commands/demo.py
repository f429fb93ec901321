"""`digiorg demo`: prepare a demo on SQLite and serve it, with the background worker beside the
server (a child process in the same process group, stopped when the server stops). Safe to run
again."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from digiorg.sample.demo import DEMO_TOTP_SECRET, demo_logins, demo_prepare

# Link bases this command set itself (a second run in the same process may change the port).
_OWN_BASE_URLS = [""]


class Command(BaseCommand):
    help = "Prepare the demo (migrate, load the framework library, demo users) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="prepare only, do not serve")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, **options):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        url = f"http://127.0.0.1:{options['port']}/"
        if os.environ.get("DIGIORG_BASE_URL", _OWN_BASE_URLS[0]) in _OWN_BASE_URLS:
            # links in mail point at the port the demo serves on (the worker inherits this),
            # unless the person running it set DIGIORG_BASE_URL
            os.environ["DIGIORG_BASE_URL"] = settings.DIGIORG_BASE_URL = url.rstrip("/")
            _OWN_BASE_URLS.append(url.rstrip("/"))
        demo_prepare(say=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"\ndigiorg demo ready: {url}"))
        self.stdout.write(f"demo password for every login: {settings.DIGIORG_DEMO_PASSWORD}")
        for username, name, unit, role in demo_logins():
            self.stdout.write(f"  {username:<14} {role:<16} {unit:<8} {name}")
        self.stdout.write(
            f"admin, secretariat and national sign in with two-factor: add the TOTP secret "
            f"{DEMO_TOTP_SECRET} to an authenticator app (demo only)."
        )
        self.stdout.write(f"national dashboard (sign in as national): {url}dashboards/national/")
        if not options["no_serve"]:
            # digiorg.wsgi and the worker (which inherits this) run the demo on the demo key
            os.environ["DIGIORG_DEMO"] = "1"
            self.serve(options["port"])

    def serve(self, port: int) -> None:
        """The server in this process, `digiorg worker` as a child: Ctrl+C reaches both (one
        process group); whichever way the server stops, the worker is stopped too."""
        worker = subprocess.Popen([sys.executable, "-m", "digiorg", "worker"])
        self.stdout.write(f"background worker started (process {worker.pid})")
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
