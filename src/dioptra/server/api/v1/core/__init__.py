"""The machinery every router shares: request plumbing, errors, the standard routes of a
kind (resource_api, resource_routes), paging, wire conventions, the OpenAPI document,
links, tags, workflows and health."""
