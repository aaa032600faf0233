"""Published versions: model, manifests, checks, pages, adopt, publish, serve."""
