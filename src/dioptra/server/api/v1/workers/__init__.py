"""/workers and /queues."""
