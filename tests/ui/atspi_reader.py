"""Read the running window through AT-SPI, as a screen reader does (Debian's python3-pyatspi,
run with the system's Python). Prints one JSON object with what it found."""

from __future__ import annotations

import json
import sys
import time

import pyatspi  # type: ignore[import-not-found]

APP_NAME = sys.argv[1]
# Waiting for the application to register: bounded in count.
ATTEMPTS = 100


def find_app():  # type: ignore[no-untyped-def]
    for _ in range(ATTEMPTS):
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == APP_NAME:
                return app
        time.sleep(0.2)
    return None


def walk(node, depth=0, found=None):  # type: ignore[no-untyped-def]
    """(role, name, states) of every accessible under `node`, to a sensible depth."""
    found = [] if found is None else found
    if node is None or depth > 40 or len(found) > 4000:
        return found
    states = node.getState()
    found.append(
        (
            node.getRoleName(),
            node.name or "",
            [pyatspi.stateToString(s) for s in states.getStates()],
        )
    )
    for index in range(node.childCount):
        walk(node.getChildAtIndex(index), depth + 1, found)
    return found


def main() -> int:
    app = find_app()
    if app is None:
        print(json.dumps({"found": False}))
        return 0
    nodes = walk(app)
    print(json.dumps({"found": True, "nodes": nodes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
