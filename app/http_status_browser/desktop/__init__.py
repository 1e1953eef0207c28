"""Desktop integration without Qt: one window per user, desktop search over D-Bus, and the
checks that a display and Qt's system libraries are there before Qt is imported."""
