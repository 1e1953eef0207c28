"""Start the window: the one place that states and performs the start-up order.

Before it, the command line (cli/main.py) has read the launch line, offered it to a running
window (desktop/instance.py: hand_over) and loaded the registry. Then run_gui:

1. Check the environment (display, Qt's system libraries), before Qt is imported, so that a
   missing display or library gives one clear line instead of Qt's abort.
2. Bind the single-instance socket (desktop/instance.py), before Qt starts: a launch in the
   meantime waits for this window's answer instead of opening a second window.
3. Import Qt and create the QApplication (on Windows, and with HTTPSTATUS_INSTANCE_SERVER=qt,
   QLocalServer listens now: it needs the application).
4. Build the window, with the error reporter, building only what its first frame shows.
5. Show it, and run the event loop.
6. After the first painted frame (ui/firstpaint.py), in this order: answer later launches
   (ui/instance_server.py), window.finish_start_up (what the first frame did without), the
   tray and its menu action, and with --smoke-test the JSON report and quitting.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

from http_status_browser import APP_ID, APP_NAME, __version__
from http_status_browser.desktop.display import (
    HEADLESS_PLATFORMS,
    wayland_display_answers,
    x_display_answers,
)
from http_status_browser.desktop.instance import (
    BoundSocket,
    bind_socket,
    server_name,
    uses_qt_server,
)
from http_status_browser.desktop.systemdeps import install_hint, missing_libraries
from http_status_browser.registry.model import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from http_status_browser.ui.instance_local_server import LocalInstanceServer
    from http_status_browser.ui.tray import TrayLookup
    from http_status_browser.ui.window import MainWindow

EXIT_OK = 0
EXIT_CANNOT_START = 2
ORGANIZATION = "HTTP Status Browser"


class CannotStartError(Exception):
    """Why the window cannot open here, in one line for the terminal."""


CLI_HINT = "the command line works without one, for example: httpstatus show 404"


def check_environment(environ: Mapping[str, str] | None = None) -> None:
    """Raise CannotStartError when Qt would abort: no display, a display that does not answer,
    or missing system libraries."""
    environ = os.environ if environ is None else environ
    # QT_QPA_PLATFORM may list several plugins ("wayland;xcb"), each with options after ":".
    platforms = [p.split(":", 1)[0] for p in environ.get("QT_QPA_PLATFORM", "").split(";")]
    if not sys.platform.startswith("linux") or platforms[0] in HEADLESS_PLATFORMS:
        return
    wayland = bool(environ.get("WAYLAND_DISPLAY")) and bool({"", "wayland"} & set(platforms))
    x11 = bool(environ.get("DISPLAY")) and bool({"", "xcb"} & set(platforms))
    if not wayland and not x11:
        raise CannotStartError(
            f"no display: the window needs a graphical session (DISPLAY is not set); {CLI_HINT}"
        )
    wayland_answers = wayland and wayland_display_answers(environ)
    if not wayland_answers and not (x11 and x_display_answers(environ["DISPLAY"])):
        tried = []
        if x11:
            tried.append(f"DISPLAY={environ['DISPLAY']}")
        if wayland:
            tried.append(f"WAYLAND_DISPLAY={environ['WAYLAND_DISPLAY']}")
        raise CannotStartError(
            f"cannot reach the display ({' or '.join(tried)}: nothing answers there, perhaps "
            f"a stale SSH or tmux session); {CLI_HINT}"
        )
    if not wayland_answers:
        missing = missing_libraries("xcb")
        if missing:
            raise CannotStartError(install_hint(missing))


def resident_kib() -> int:
    """This process's resident memory in KiB (Linux), or 0 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_gui(
    registry: Registry,
    code: int | None = None,
    warnings: Sequence[str] = (),
    qt_args: Sequence[str] = (),
    smoke_linger: float | None = None,
    *,
    single_instance: bool = False,
) -> int:
    """Open the window (optionally on `code`), in the order of this module's docstring;
    returns the exit status. With `single_instance`, later launches hand their request to
    this window (ui/instance_server.py)."""
    # 1. The environment.
    try:
        check_environment()
    except CannotStartError as error:
        sys.stderr.write(f"{APP_NAME}: {error}\n")
        return EXIT_CANNOT_START

    # 2. The instance socket (Windows has no Unix sockets: QLocalServer listens at step 3).
    local_server = single_instance and uses_qt_server()
    listener: BoundSocket | LocalInstanceServer | None = (
        bind_socket() if single_instance and not local_server else None
    )

    # 3. Qt and the application.
    from PySide6.QtCore import QSettings  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from http_status_browser.ui.errors import ErrorReporter  # noqa: PLC0415
    from http_status_browser.ui.firstpaint import after_first_paint  # noqa: PLC0415
    from http_status_browser.ui.window import MainWindow  # noqa: PLC0415

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    app.setDesktopFileName(APP_ID)
    if local_server:
        listener = _listen_locally()

    # 4. The window.
    window = MainWindow(registry, QSettings(), initial_code=code, warnings=warnings)
    reporter = ErrorReporter(window)
    reporter.install()

    # 5. Show it; step 6 runs once it has painted.
    after_first_paint(window, partial(_after_first_frame, window, registry, listener, smoke_linger))
    window.show()
    try:
        return app.exec()
    finally:
        reporter.uninstall()
        if listener is not None:
            listener.close()


def _after_first_frame(
    window: MainWindow,
    registry: Registry,
    listener: BoundSocket | LocalInstanceServer | None,
    smoke_linger: float | None,
    painted_at: float,
) -> None:
    """Step 6: what waits for the first painted frame, in order."""
    if listener is not None:
        _serve_later_launches(window, registry, listener)
    window.finish_start_up(painted_at)
    _connect_tray(window, registry)
    if smoke_linger is not None:
        # Packaging smoke test and benchmarks: report and quit `smoke_linger` seconds after
        # the first painted frame.
        from PySide6.QtCore import QTimer  # noqa: PLC0415

        delay_ms = max(0, int((painted_at + smoke_linger - time.time()) * 1000))
        QTimer.singleShot(delay_ms, partial(_smoke_report, window, painted_at))


def _listen_locally() -> LocalInstanceServer | None:
    """QLocalServer on the per-user pipe (Windows), or on the socket path where
    HTTPSTATUS_INSTANCE_SERVER=qt selects it."""
    from http_status_browser.ui.instance_local_server import LocalInstanceServer  # noqa: PLC0415  (QtNetwork)

    name = server_name()
    server = LocalInstanceServer()
    return server if name is not None and server.listen(name) else None


def _serve_later_launches(
    window: MainWindow, registry: Registry, listener: BoundSocket | LocalInstanceServer
) -> None:
    """Answer launches once the window is up; until then they wait on the listener."""
    from http_status_browser.ui.instance_server import InstanceServer, request_handler  # noqa: PLC0415

    def current_code() -> int | None:
        status = window.current_status()
        return status.code if status is not None else None

    handler = request_handler(registry, partial(bring_forward, window), current_code)
    if isinstance(listener, BoundSocket):
        InstanceServer(listener, handler, window)
    else:
        listener.serve(handler)


def _connect_tray(window: MainWindow, registry: Registry) -> None:
    """The tray quick lookup: its menu action, and the tray itself when the setting is on.
    The tray module is imported only then, so that it costs nothing while off."""
    from http_status_browser.ui.settings import TRAY_ENABLED, SettingsReader  # noqa: PLC0415

    tray: list[TrayLookup] = []

    def set_tray(enabled: bool) -> None:
        if not tray:
            from http_status_browser.ui.tray import TrayLookup  # noqa: PLC0415

            tray.append(TrayLookup(registry, window.settings, window))
            tray[0].openRequested.connect(partial(bring_forward, window))
        if not tray[0].set_enabled(enabled):
            window.statusBar().showMessage("This desktop has no system tray", 5000)
            window.tray_action.setChecked(False)

    wanted = SettingsReader(window.settings).flag(TRAY_ENABLED, False)
    window.tray_action.setChecked(wanted)
    window.tray_action.toggled.connect(set_tray)
    if wanted:
        set_tray(True)


def bring_forward(window: MainWindow, code: int | None) -> None:
    """Show the window on top of the others, on `code` when given."""
    if code is not None:
        window.navigate_to(code)
    if window.isMinimized():
        window.showNormal()
    else:
        window.show()
    window.raise_()
    window.activateWindow()


def _smoke_report(window: QWidget, painted_at: float) -> None:
    """One JSON line for the smoke test and the benchmarks, then quit."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    report = {
        "shown": window.isVisible(),
        "title": window.windowTitle(),
        "painted_at": painted_at,
        "rss_kib": resident_kib(),
    }
    import json  # noqa: PLC0415  (the window itself never needs it before its first frame)

    sys.stdout.write(json.dumps(report) + "\n")
    sys.stdout.flush()
    window.close()
    QApplication.quit()
