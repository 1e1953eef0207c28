"""The colours that mark a code's class, standing and requirement levels in every view."""

from __future__ import annotations

# Badge colours per class; white text reads on all of them in light and dark palettes.
CLASS_COLOURS = {"1": "#5b6b7f", "2": "#2e7d32", "3": "#1565c0", "4": "#b26a00", "5": "#c62828"}
STANDING_COLOURS = {"standard": "#455a64", "unofficial": "#6a1b9a", "custom": "#00695c"}
NEUTRAL_COLOUR = "#546e7a"
# Requirement levels (RFC 2119): the stronger the level, the warmer the badge.
LEVEL_COLOURS = {"MUST": "#ad1457", "MUST NOT": "#ad1457", "SHOULD": "#6d4c41"}
LEVEL_COLOURS["SHOULD NOT"] = LEVEL_COLOURS["SHOULD"]
