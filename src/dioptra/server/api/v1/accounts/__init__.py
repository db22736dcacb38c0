"""/auth, /users, /users/current/tokens and /groups."""
