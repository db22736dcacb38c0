"""Where things go inside a job's working directory.

```
<job dir>/                 the job's current directory; artifact outputs are written here
  .dioptra/
    job.yml                the job's task-engine document, as the server rendered it
    parameters.json        the job's parameter values
    plugins/               the entrypoint's plugins (task functions), one folder each
    serialize/             the entrypoint's artifact plugins (artifact outputs)
    deserialize/           the plugins of artifact inputs, one folder per plugin snapshot
    artifacts/<id>_<snap>/ the artifact inputs' contents
    result.json            how the job process ended (read by the supervisor)
    imports.json           what its plugins imported, for the worker to preload next time
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class JobLayout:
    root: Path

    @property
    def meta(self) -> Path:
        return self.root / ".dioptra"

    @property
    def document(self) -> Path:
        return self.meta / "job.yml"

    @property
    def parameters(self) -> Path:
        return self.meta / "parameters.json"

    @property
    def plugins(self) -> Path:
        return self.meta / "plugins"

    @property
    def serialize(self) -> Path:
        return self.meta / "serialize"

    @property
    def deserialize(self) -> Path:
        return self.meta / "deserialize"

    @property
    def artifacts(self) -> Path:
        return self.meta / "artifacts"

    @property
    def downloads(self) -> Path:
        return self.meta / "downloads"

    @property
    def result(self) -> Path:
        return self.meta / "result.json"

    @property
    def imports(self) -> Path:
        return self.meta / "imports.json"

    def create(self) -> None:
        for folder in (self.meta, self.deserialize, self.artifacts, self.downloads):
            folder.mkdir(parents=True, exist_ok=True)
