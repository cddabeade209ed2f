"""The Textual app: how most players meet the City. Imported only when the app starts."""
