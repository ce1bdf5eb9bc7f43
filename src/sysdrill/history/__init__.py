"""Every drill session, kept in one SQLite database."""
