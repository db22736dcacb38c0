"""Users, groups, passwords, sessions and tokens: who may act."""
