"""The project's files: `.env` editing, the widget config and its lexer, atomic writes."""
