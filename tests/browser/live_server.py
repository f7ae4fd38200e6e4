"""A real uvicorn server running an app object in a background thread, for the browser.

Unlike ``tests/system/servers.py`` (separate processes, started from the command line), the
app here is built by the test session, so that it can carry dependency overrides such as the
fixed clock."""

import socket
import threading
import time
import urllib.error
import urllib.request

import uvicorn
from fastapi import FastAPI


class LiveServer:
    """``app`` served on ``127.0.0.1`` at a free port, in a daemon thread.

    ``url`` is the base URL without a trailing slash (``http://127.0.0.1:PORT``). Use it as a
    context manager, or call ``start`` then ``stop``."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        # Bound here and handed to uvicorn: no window in which another process takes the port.
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = int(self._socket.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = uvicorn.Server(
            uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        )
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def start(self, timeout_s: float = 30) -> "LiveServer":
        """Start serving and wait until ``GET /healthz`` answers 200.

        Raises ``RuntimeError`` when the server thread dies or does not answer within
        ``timeout_s`` seconds."""
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not self._thread.is_alive():
                raise RuntimeError("the live server stopped while starting (see the log above)")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the live server did not answer /healthz within {timeout_s} s")

    def stop(self, timeout_s: float = 10) -> None:
        """Ask uvicorn to shut down (the app's lifespan end runs), wait for the thread, and
        close the socket."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout_s)
        self._socket.close()

    def __enter__(self) -> "LiveServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
