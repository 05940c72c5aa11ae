import pytest
import yaml

from vaxrecon.config import load_config, packaged_defaults
from vaxrecon.errors import ConfigError


def write(tmp_path, data):
    path = tmp_path / "user.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def test_packaged_defaults_load_from_the_installed_package():
    cfg = load_config()
    assert cfg["lang"] == "vi"
    assert cfg["deadline"]["days"] == 2
    assert cfg.sources == ["packaged defaults"]


def test_user_file_then_flags_override(tmp_path):
    path = write(tmp_path, {"lang": "en", "deadline": {"days": 3}})
    cfg = load_config(path, {"deadline.days": 5})
    assert cfg["lang"] == "en" and cfg["deadline"]["days"] == 5
    assert cfg.sources[-1] == "command-line options"


def test_local_file_and_env_var_are_found(tmp_path, monkeypatch):
    (tmp_path / "vaxrecon.yaml").write_text("lang: en\n", "utf-8")
    assert load_config()["lang"] == "en"
    other = write(tmp_path, {"lang": "vi"})
    monkeypatch.setenv("VAXRECON_CONFIG", str(other))
    assert load_config()["lang"] == "vi"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"langue": "en"}, "Unknown setting 'langue'"),
        ({"deadline": {"days": "two"}}, "'deadline.days' in"),
        ({"deadline": 2}, "must be a mapping"),
        ({"match": {"link_threshold": True}}, "'match.link_threshold'"),
    ],
)
def test_bad_settings_are_clear_errors(tmp_path, data, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, data))


def test_aliases_extend_instead_of_replacing(tmp_path):
    cfg = load_config(write(tmp_path, {"columns": {"aliases": {"name": ["Tên công dân"]}}}))
    names = cfg["columns"]["aliases"]["name"]
    assert "Tên công dân" in names and "họ và tên" in names


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("lang: [vi\n", "utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(path)


def test_digest_changes_with_configuration(tmp_path):
    assert load_config().digest() != load_config(None, {"lang": "en"}).digest()
    assert packaged_defaults()["lang"] == "vi"


def test_every_status_and_reason_has_both_labels():
    from vaxrecon.reasons import Reason, Status, labels

    for item in [*Status, *Reason]:
        vi, en = item.label("vi"), item.label("en")
        assert vi and en and vi != en
    assert labels("id_missing;dob_year_only", "en") == "ID number missing; Birth year only"
