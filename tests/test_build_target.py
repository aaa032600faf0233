from pathlib import Path

from vwo.site.build import BuildTarget, build_target


def test_defaults_to_the_config_folder_and_concept() -> None:
    assert build_target({}, "/repo/mkdocs.yml", {}) == BuildTarget(Path("/repo"), "concept")


def test_publish_settings_and_mike_environment() -> None:
    settings = {"root": "/repo", "version": "1.0"}
    assert build_target(settings, "/tmp/x/mkdocs.yml", {}) == BuildTarget(Path("/repo"), "1.0")
    assert build_target(settings, "/tmp/x/mkdocs.yml", {"MIKE_DOCS_VERSION": "1.11"}).version == "1.11"
