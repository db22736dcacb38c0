"""The server's repeated work, in one place: the loop runner, the job watchdog and the
artifact digests."""
