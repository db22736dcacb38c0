"""Workers: heartbeats, and which queues live workers serve."""
