import pytest

from disclosure_guard.crypto import Vault, VaultError, generate_key, load_vault


def test_sealed_values_open_only_for_their_purpose(tmp_path):
    vault = load_vault(generate_key(), tmp_path / "k")
    sealed = vault.seal(b"12 Elm Road", "register.case:DA-1")
    assert b"Elm" not in sealed
    assert vault.open(sealed, "register.case:DA-1") == b"12 Elm Road"
    with pytest.raises(VaultError):
        vault.open(sealed, "register.case:DA-2")


def test_a_key_file_is_created_once_and_reused(tmp_path, caplog):
    key_file = tmp_path / "var" / "encryption.key"
    first = load_vault(None, key_file)
    assert "DG_ENCRYPTION_KEY is not set" in caplog.text
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    second = load_vault(None, key_file)
    assert second.open(first.seal(b"x", "p"), "p") == b"x"


def test_a_wrong_key_cannot_open(tmp_path):
    sealed = load_vault(generate_key(), tmp_path / "a").seal(b"x", "p")
    with pytest.raises(VaultError):
        load_vault(generate_key(), tmp_path / "b").open(sealed, "p")


def test_a_short_key_is_refused():
    with pytest.raises(ValueError):
        Vault(b"short")
