"""What grow does, in domain terms, for both the UI and the command line."""
