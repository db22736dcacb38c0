"""/plugins, /plugins/{id}/files and /pluginParameterTypes."""
