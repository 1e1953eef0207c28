"""Checking URLs: the status and redirect chain of each one, with the problems found.

Qt-free and imported only by `httpstatus check`, the window's Check URLs tab and its drop
target (which reads targets.py only): it is the one part of the app that loads httpx.
"""
