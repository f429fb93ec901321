"""Writes on a dataset's resources: a file (through the evidence upload rules), a link, removal.

Files go through `evidence.uploads.upload_inspect` (name, type from the content, size cap,
SHA-256). Datasets also take JSON and XML, which evidence does not: those are checked here as
text files that start like their kind (a JSON value opens with { or [, XML with <), then go
through the same inspection as a .txt file for everything else. Every change of a resource
marks the dataset changed (`touch()`), so harvesters see it in metadata_modified."""

from contextlib import contextmanager

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from digiorg.core.errors import ValidationFailed, require
from digiorg.evidence.uploads import ALLOWED, UploadInfo, upload_inspect, upload_name_check

from .models import Dataset, Resource
from .permissions import dataset_may_edit

# extension -> content type, besides the evidence types
DATA_ALLOWED = {"json": "application/json", "xml": "application/xml"}
# What a file of each data kind starts with (after a byte order mark and white space).
_DATA_START = {"json": (b"{", b"["), "xml": (b"<",)}
FORMATS = {  # the format shown for a file of this extension
    "doc": "DOC/DOCX", "docx": "DOC/DOCX", "xls": "XLS/XLSX", "xlsx": "XLS/XLSX",
    "png": "Image", "jpg": "Image", "jpeg": "Image", "gif": "Image", "webp": "Image",
    "txt": "Text",
}  # fmt: skip


def allowed_extensions() -> list[str]:
    return [*ALLOWED, *DATA_ALLOWED]


def mismatch_as_text() -> str:
    return _("The file's content does not match its name (.%(extension)s).") % {"extension": "txt"}


class _Renamed:
    """The uploaded file under another name (to inspect a .json or .xml as a .txt)."""

    def __init__(self, file, name: str):
        self._file, self.name = file, name

    def __getattr__(self, attribute):
        return getattr(self._file, attribute)


def _extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem.strip(" .") else ""


def resource_upload_inspect(file) -> UploadInfo:
    """`upload_inspect` with JSON and XML allowed. Raises ValidationFailed (field "file")."""
    name = getattr(file, "name", "") or ""
    extension = _extension(name.strip())
    if extension not in ALLOWED and extension not in DATA_ALLOWED:
        raise ValidationFailed(
            {
                "file": _("Files of this type cannot be uploaded. Allowed types: %(types)s.")
                % {"types": ", ".join(f".{e}" for e in allowed_extensions())}
            }
        )
    if extension in ALLOWED:
        return upload_inspect(file)
    typed_extension = name.strip().rsplit(".", 1)[1]
    stem = upload_name_check(name.strip()[: -len(typed_extension)] + "txt")[:-4]  # same rules
    mismatch = ValidationFailed(
        {
            "file": _("The file's content does not match its name (.%(extension)s).")
            % {"extension": extension}
        }
    )
    try:
        info = upload_inspect(_Renamed(file, stem + ".txt"))  # text, size cap, hash
    except ValidationFailed as exc:
        if exc.errors.get("file") == mismatch_as_text():
            raise mismatch from exc
        raise
    try:
        head = file.read(64)
    finally:
        file.seek(0)
    if not head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(_DATA_START[extension]):
        raise mismatch
    return UploadInfo(
        name=stem + "." + typed_extension,
        extension=extension,
        content_type=DATA_ALLOWED[extension],
        size=info.size,
        sha256=info.sha256,
    )


@contextmanager
def _file_removed_on_failure(stored: list[str]):
    try:
        yield
    except BaseException:
        storage = Resource._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise


def _locked(dataset: Dataset, actor) -> Dataset:
    current = Dataset.objects.select_for_update().select_related("unit").get(pk=dataset.pk)
    require(dataset_may_edit(actor, current))
    return current


def _changed(dataset: Dataset) -> None:
    dataset.touch()
    dataset.save(update_fields=["modified_at"])


def _next_position(dataset: Dataset) -> int:
    return (dataset.resources.aggregate(n=Max("position"))["n"] or 0) + 1


def _clean_name(name: str, fallback: str) -> str:
    return (name or "").strip()[:300] or fallback


def resource_add_file(dataset: Dataset, *, actor, upload, name: str = "", description: str = ""):
    """Store an uploaded file as a resource of the dataset; a bad file is refused before any
    row or file is written."""
    require(dataset_may_edit(actor, dataset))
    if upload is None:
        raise ValidationFailed({"file": _("Choose a file to upload.")})
    info = resource_upload_inspect(upload)
    stored: list[str] = []
    with _file_removed_on_failure(stored), transaction.atomic():
        current = _locked(dataset, actor)
        resource = Resource(
            organization_id=current.organization_id,
            dataset=current,
            name=_clean_name(name, info.name),
            description=(description or "").strip(),
            file_name=info.name,
            format=FORMATS.get(info.extension, info.extension.upper()),
            mimetype=info.content_type,
            size=info.size,
            sha256=info.sha256,
            position=_next_position(current),
        )
        resource.file.save(info.name, upload, save=False)  # streams chunks to storage
        assert resource.file.name is not None
        stored.append(resource.file.name)
        resource.save()
        _changed(current)
    return resource


@transaction.atomic
def resource_add_link(
    dataset: Dataset, *, actor, url: str, name: str = "", format: str = "", size=None,
    description: str = "",
) -> Resource:  # fmt: skip
    current = _locked(dataset, actor)
    url = (url or "").strip()
    if not url:
        raise ValidationFailed({"url": _("A link needs its address.")})
    if size is not None and size < 0:
        raise ValidationFailed({"size": _("The size cannot be negative.")})
    resource = Resource.objects.create(
        organization_id=current.organization_id,
        dataset=current,
        name=_clean_name(name, url[:300]),
        description=(description or "").strip(),
        url=url,
        format=(format or "").strip()[:40],
        size=size,
        position=_next_position(current),
    )
    _changed(current)
    return resource


def resource_remove(resource: Resource, *, actor) -> None:
    """Remove a resource (its file too). A published dataset keeps at least one."""
    with transaction.atomic():
        current = _locked(resource.dataset, actor)
        if current.is_public and current.resources.count() <= 1:
            raise ValidationFailed(
                {"": _("A published dataset needs at least one file or link. Add another first.")}
            )
        stored = resource.file.name if resource.file else ""
        Resource.objects.get(pk=resource.pk).delete()
        _changed(current)
    if stored:
        Resource._meta.get_field("file").storage.delete(stored)
