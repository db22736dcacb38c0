"""The machinery every router shares: request plumbing, errors, the family factory,
paging, wire conventions, the OpenAPI document, tags, workflows and health."""
