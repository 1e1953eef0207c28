"""Checking URLs: the status and redirect chain of each one, with the problems found.

Qt-free and imported only by `httpstatus check` and the window's Check URLs tab: it is the one
part of the app that loads httpx.
"""
