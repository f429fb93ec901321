"""Large uploads wait under DIGIORG_VAR_DIR while the request is read, and each start clears the
files a dead process left there more than a day ago."""

import os
import time

from django.apps import apps
from django.core.files.uploadhandler import TemporaryFileUploadHandler

from digiorg.core.files import upload_temp_prepare
from digiorg.sample.bench.upload import upload_request

DAY = 24 * 3600


def aged(path, seconds: float):
    path.write_bytes(b"%PDF-1.4\n")
    when = time.time() - seconds
    os.utime(path, (when, when))
    return path


def test_the_default_folder_is_under_the_var_dir(settings):
    assert str(settings.VAR_DIR / "tmp" / "uploads") == settings.FILE_UPLOAD_TEMP_DIR


def test_start_creates_the_folder_and_removes_only_stale_upload_files(settings, tmp_path):
    folder = tmp_path / "var" / "tmp" / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    assert upload_temp_prepare() == 0 and folder.is_dir()
    stale = aged(folder / "tmpa1b2.upload.pdf", 2 * DAY)
    fresh = aged(folder / "tmpc3d4.upload.pdf", 3600)  # an upload still being read, perhaps
    other = aged(folder / "notes.txt", 30 * DAY)  # not Django's: left alone
    target = aged(tmp_path / "elsewhere.upload", 30 * DAY)
    (folder / "link.upload").symlink_to(target)
    apps.get_app_config("core").ready()  # what every start of the program runs
    assert not stale.exists()
    assert fresh.exists() and other.exists() and target.exists()
    assert (folder / "link.upload").is_symlink()


def test_the_age_is_a_setting(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.DIGIORG_UPLOAD_TEMP_MAX_AGE = 60
    old = aged(tmp_path / "tmpx.upload", 120)
    assert upload_temp_prepare() == 1 and not old.exists()


def test_a_large_upload_waits_in_the_folder(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    size = 3 * 2**20  # over Django's 2.5 MB in-memory limit
    content = b"%PDF-1.4\n" + bytes(size - 9)
    request = upload_request("big.pdf", "application/pdf", [content], size)
    request.upload_handlers = [TemporaryFileUploadHandler(request)]
    try:
        path = request.FILES["file"].temporary_file_path()
        assert os.path.dirname(path) == str(tmp_path) and ".upload" in os.path.basename(path)
    finally:
        request.close()
    assert not os.path.exists(path)  # removed when the request ends
