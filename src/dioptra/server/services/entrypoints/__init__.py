"""Entrypoints: task graph versions, their plugins, queues, swaps and assembled config."""
