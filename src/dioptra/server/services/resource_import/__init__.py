"""Resource import: staging a project's source and creating its resources."""
