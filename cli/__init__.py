"""The command line: `dateline` and its subcommands (ingest, list, export, tag). Not the UI."""
