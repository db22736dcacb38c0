"""Plugins, their files, the tasks those files declare, plugin parameter types and bundles."""
