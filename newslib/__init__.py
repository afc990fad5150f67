"""newslib."""
