"""The git adapter: every git process of the package starts here (``vwo.git.run``).

- ``run``: the runner (``subprocess``), ``GitError`` and its two kinds ``NoGitError``
  and ``ShallowCloneError``;
- ``log``: commits as ``vwo.history.records.CommitRecord``, one streamed ``git log`` with
  nonce separators;
- ``objects``: blobs (``cat-file --batch``, also fed while a log streams), trees, archives;
- ``refs``: repository state, the guard for user-supplied revisions, ref updates with
  compare-and-swap;
- ``repo``: working tree, identity, commits, push;
- ``neutral``: the rule that makes commit text inert at this boundary.

The adapter hands out records and blob texts; it never parses the agreement.
"""
