"""The headless core: everything Jobber does without a screen. Never imports textual."""
