"""Plugin bundles: the files of plugin snapshots as one streamed tar.gz or zip archive.

Entries are ``<plugin name>/<filename>`` for every file of every plugin, then
``manifest.json``: ``{plugin name: {"plugin_resource_snapshot_id": id, <filename>:
{"plugin_file_resource_snapshot_id": id, "tasks": [task names]}}}``. (Dioptra 1.2.2
means to write this manifest but always writes ``{}``; we write it in full.)
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import Any

from dioptra.server.services.plugins.plugins import PluginSnapshotFiles
from dioptra.storage.archive_stream import ArchiveMember, iter_tar_gz, iter_zip

MANIFEST_NAME = "manifest.json"
_CHUNK_SIZE = 64 * 1024


class BundleFormat(Enum):
    """``fileType`` of a bundle request; the value is the wire name."""

    TAR_GZ = "tar_gz"
    ZIP = "zip"

    @property
    def media_type(self) -> str:
        return "application/gzip" if self is BundleFormat.TAR_GZ else "application/zip"

    @property
    def suffix(self) -> str:
        return ".tar.gz" if self is BundleFormat.TAR_GZ else ".zip"

    def download_name(self, stem: str) -> str:
        """``plugins_bundle`` -> ``plugins_bundle.tar.gz`` (Dioptra's download names)."""
        return stem + self.suffix


def bundle_manifest(plugins: Sequence[PluginSnapshotFiles]) -> dict[str, Any]:
    manifest: dict[str, Any] = {}
    for plugin in plugins:
        entry: dict[str, Any] = {"plugin_resource_snapshot_id": plugin.plugin_snapshot_id}
        for plugin_file in plugin.files:
            entry[plugin_file.filename] = {
                "plugin_file_resource_snapshot_id": plugin_file.file_snapshot_id,
                "tasks": [task.name for task in plugin_file.tasks],
            }
        manifest[plugin.name] = entry
    return manifest


def _member(name: str, data: bytes) -> ArchiveMember:
    return ArchiveMember(name=name, size=len(data), is_dir=False, open=lambda: io.BytesIO(data))


def bundle_members(plugins: Sequence[PluginSnapshotFiles]) -> list[ArchiveMember]:
    """Every entry of the bundle, in order: the plugins' files, then the manifest."""
    members = [
        _member(f"{plugin.name}/{plugin_file.filename}", (plugin_file.contents or "").encode())
        for plugin in plugins
        for plugin_file in plugin.files
    ]
    manifest = json.dumps(bundle_manifest(plugins)).encode()
    members.append(_member(MANIFEST_NAME, manifest))
    return members


def build_bundle(plugins: Sequence[PluginSnapshotFiles], fmt: BundleFormat) -> Iterator[bytes]:
    """The archive as a stream of byte chunks.

    ``plugins`` come from ``plugins.load_plugin_snapshot_files`` (which loads contents).
    Filenames were checked on save (relative, no ``..``), so entries stay in their folder.
    """
    members = bundle_members(plugins)
    if fmt is BundleFormat.ZIP:
        return iter_zip(members, chunk_size=_CHUNK_SIZE)
    return iter_tar_gz(members, chunk_size=_CHUNK_SIZE)
