"""Reply tracking: read the user's inbox over IMAP (read-only), route replies to applied jobs and keep
each application's stage up to date. Headless: the CLI and the UI call `sync`, `review` and `stages`."""
