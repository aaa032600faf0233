"""Translations of the agreement: content with a lifecycle of its own (issue 21).

A translation belongs to one Dutch source: the concept (the working translation in
``vertalingen/<lang>/``) or a published version X.Y (frozen in ``vertalingen/X.Y/<lang>/``).
Its files mirror the Dutch text with the same ids and numbering; ``vertaling.yml``
records, per translated unit, a hash of the Dutch text it was made from.

- ``model``: where translations live, ``TranslationMeta``, ``Translation``;
- ``read``: ``vertaling.yml`` and ``termen.yml`` (strict YAML), the English text (the
  agreement's own parser, with English heading keywords);
- ``units``: the units of a Dutch text and the hash of each (``normalise``, ``digest``);
- ``align``: the translation's structure against its source (missing, extra,
  renumbered, wrong ids), every finding naming file and line (``blocks``: the preamble's
  blocks and an annex's headings and tables);
- ``pending``: the units whose Dutch text changed since they were stamped;
- ``stamp``, ``publish``: the commands (``freeze``: the commit and tag without half
  work); ``proof``: a published translation against its publication commit
  (``Vertaling-boom``, tag ``vX.Y-<lang>``); ``check``: the part of ``vwo check``;
- ``listing``: the translations on the Versies page and in ``versies.json``;
- ``pages``, ``site``: the English pages of a build.
"""
