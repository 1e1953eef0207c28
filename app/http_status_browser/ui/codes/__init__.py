"""The Codes view: the status tree and its filters, the detail pane, snippets and comparisons."""
