"""Everything Qt: application start-up, the main window, models, detail and snippet panes."""
