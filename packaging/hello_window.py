"""The size floor: a minimal PySide6 window, frozen with the same options as the app."""

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.show()
if "--smoke-test" in sys.argv:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
