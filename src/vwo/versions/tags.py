"""``vwo tag-versions``: the annotated tag ``vX.Y`` on the adoption commit of every
published version that has none (the one-time step for versions adopted before
``vwo adopt`` made tags; idempotent).

Pipeline: under the repository lock: the proof of publication (``vwo.versions.proof``) ->
refuse, creating nothing, if any folder differs from its adoption commit or any tag
disagrees -> for each version without a tag: the message of ``vwo adopt``'s tags
(version, status and date from its ``version.yml``, the folder's tree), dated by the
adoption commit (so every clone makes the same tag object, apart from who tags).
"""

from __future__ import annotations

from pathlib import Path

from vwo.errors import VwoError
from vwo.git.log import committer_date_raw
from vwo.git.refs import create_tag, read_tags, repo_state
from vwo.lock import repository_lock
from vwo.versions.adoption import tag_message, tag_name
from vwo.versions.check import check_versions, problems_only
from vwo.versions.model import VERSIONS_DIR, load_versions
from vwo.versions.proof import read_proof


def tag_versions(root: Path) -> list[str]:
    """Create the missing tags; returns one line per version (Dutch, for the terminal)."""
    state = repo_state(root)
    if state.shallow:
        raise VwoError(
            str(root),
            "shallow clone: the adoption commits may be missing",
            "run 'git fetch --unshallow' first",
        )
    with repository_lock(root, "tag-versions"):
        problems = problems_only(check_versions(root))
        if problems:
            raise VwoError(
                f"{VERSIONS_DIR}/",
                "no tag was made, because:\n" + "\n".join(problems),
                "restore the published folders and tags first (vwo check says how)",
            )
        infos = {info.version: info for info in load_versions(root)}
        proof = read_proof(root, sorted(infos))
        assert proof is not None  # repo_state passed
        tags = read_tags(root, "v*")
        lines, made = [], []
        for version, adopted in sorted(proof.adopted.items(), key=lambda item: infos[item[0]].key):
            name = tag_name(version)
            if name in tags:
                lines.append(f"{name}: bestaat al op commit {adopted.commit[:12]} en klopt")
                continue
            info = infos[version]
            message = tag_message(version, info.status, info.published.isoformat(), adopted.tree)
            create_tag(root, name, adopted.commit, message, date=committer_date_raw(root, adopted.commit))
            made.append(name)
            lines.append(f"{name}: gemaakt op commit {adopted.commit[:12]} (boom {adopted.tree[:12]})")
        if made:
            lines.append(f"Zet de tags online met: git push origin {' '.join(made)}")
        elif not lines:
            lines.append("Er zijn nog geen gepubliceerde versies.")
        return lines
