"""Imported by the fork server before any job: does once what every job would repeat."""

from dioptra.worker.api import shared_ssl_context

# Job processes fork from the fork server and inherit this context.
shared_ssl_context()
