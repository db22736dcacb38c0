"""The machinery every family shares: who acts (context), resource kinds, snapshots and
soft delete (resources), listing, search, names, links, drafts, tags and the domain errors."""
