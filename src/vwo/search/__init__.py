"""Site search: what each page tells the index (``meta``), the Pagefind adapter (``pagefind``).

Every version is indexed on its own, right after its build, into its own folder
(``<version>/pagefind/``); the browser (``docs/assets/vwo-search.js``) searches this
version's index or merges the indexes of every published version at run time.
"""
