"""Staff page of the topic classifier: the current model, its accuracy on corrected complaints, history."""

from typing import Any

from litestar import Request, get

from complaints import model_versions
from ml.calibration import calibration_from_dict, load_calibration
from portal.i18n import N_
from portal.security import requires_roles
from portal.tables import Role
from portal.templating import Template

EVENT_LABELS = {
    "promoted": N_("Dipakai"),
    "rejected": N_("Ditolak"),
    "unchanged": N_("Tidak berubah"),
    "too_few": N_("Koreksi terlalu sedikit"),
    "rolled_back": N_("Dikembalikan"),
}


@get("/staf/sistem/model-klasifikasi", name="complaints:classifier_model", include_in_schema=False,
     guards=[requires_roles(Role.system_admin)])  # fmt: skip
async def classifier_model_page(request: Request[Any, Any, Any]) -> Template:
    # lazy: ml.artifacts/ml.registry load scikit-learn, which a web process needs only on this page
    from ml.artifacts import ArtefactError, read_metadata
    from ml.registry import history

    settings = request.app.state.settings
    try:
        metadata: dict[str, Any] | None = read_metadata(settings.model_dir)
    except ArtefactError:
        metadata = None
    version = str(metadata["model_version"]) if metadata else ""
    calibration = (
        calibration_from_dict(metadata["calibration"])
        if metadata and metadata.get("calibration")
        else load_calibration()
    )
    return Template(
        template_name="complaints/settings/classifier_model.html",
        context={
            "metadata": metadata,
            "calibration": calibration,
            "threshold": settings.triage_threshold if settings.triage_threshold is not None else calibration.threshold,
            "live": await model_versions.accuracy_on_corrections(version) if version else None,
            "records": await model_versions.model_history(),
            "kept": history(settings.model_dir),
            "event_labels": EVENT_LABELS,
        },
    )


MODEL_HANDLERS: list = [classifier_model_page]
