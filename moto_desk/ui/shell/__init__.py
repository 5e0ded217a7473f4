"""The window's frame: start-up and the session, background jobs, the error router, change
events, the dialog manager, settings, logging, translations, About and support bundles."""
