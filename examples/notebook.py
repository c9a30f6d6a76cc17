# The SpatialX Connector notebook (../shared/seed, "spatialx_connector_notebook"), cell by cell,
# against the embedded local server and the small real data sets bundled in examples/data.
#
#   ./spatialx run examples/notebook.py [output-folder]
#
# Cells are the notebook's own; only paths (bundled data instead of the public bucket) and the
# server (local, in a fresh temporary SPATIALX_HOME unless one is set) differ. A step whose
# capability this build does not have yet is skipped with a note, so the script runs at every
# commit of the project.
import os
import sys
import time

import spatialx_connector
from spatialx_connector import SpatialXConnector
from spatialx_connector import Technologies
from spatialx_connector import DefaultGroup
from spatialx_connector import Species
from spatialx_connector import ConnectorKeys
from spatialx_connector import SubmissionElementKeys
from spatialx_connector import SegmentationSubmission
from spatialx_connector import ExpressionSubmission

STARTED = time.time()
EXAMPLES = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(EXAMPLES, "data")
HOME = os.environ.get("SPATIALX_HOME") or spatialx_connector.temporary_folder(prefix="spatialx-notebook-")
OUTPUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HOME, "pictures")
skipped = []


def section(title):
    print("\n## " + title + "  (%.1f s)" % (time.time() - STARTED))


def skip(step, capability):
    skipped.append(step)
    print("[skipped] %s: this build has no %s yet" % (step, capability))


# 1.3 Domain and Token: an empty DOMAIN is the embedded local server (here with the bundled data mounted).
DOMAIN = ""
TOKEN = ""
section("1.4 Explore your account (local server in %s)" % HOME)
connector = spatialx_connector.local(home=HOME, mounts={"examples": DATA}) if not DOMAIN \
    else SpatialXConnector(domain=DOMAIN, token=TOKEN)
spatialx_connector.format_print(connector.info)
spatialx_connector.format_print(connector.groups)

section("1.5 List of storages")
spatialx_connector.format_print(connector.s3)
spatialx_connector.format_print(connector.folders)
BUNDLED = connector.folders.get("examples", DATA)
spatialx_connector.format_print(connector.listdir(BUNDLED))
spatialx_connector.format_print(connector.listdir(os.path.join(BUNDLED, "xenium")))

section("1.6 Accessing study information")
studies = connector.list_study(
    group=DefaultGroup.PERSONAL_WORKSPACE.value,
    species=Species.HUMAN.value,
)
spatialx_connector.format_print(studies)

section("1.7 Uploading files")
XENIUM = os.path.join(BUNDLED, "xenium", "Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset")
if hasattr(connector, "upload_file"):
    uploading_results = connector.upload_file(file_path=os.path.join(XENIUM, "experiment.xenium"))
    spatialx_connector.format_print(uploading_results)
else:
    skip("upload_file", "uploads")
if hasattr(connector, "upload_big_file"):
    uploading_results = connector.upload_big_file(
        file_path=os.path.join(DATA, "xenium", "SFE_toy_Xenium_XOA1x_human_526cells", "morphology_focus.ome.tif"),
        debug_mode=True)
    spatialx_connector.format_print(uploading_results)
else:
    skip("upload_big_file", "uploads")
if hasattr(connector, "upload_folder"):
    uploading_results = connector.upload_folder(dir_path=XENIUM, debug_mode=True)
    spatialx_connector.format_print(uploading_results)
else:
    skip("upload_folder", "uploads")

section("1.8.1 Parsing data information, one per bundled technology")
BUNDLED_DATA = [
    ("xenium/SFE_toy_Xenium_XOA1x_human_526cells", Technologies.XENIUM),  # incomplete on purpose: see INCOMPLETE
    ("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset", Technologies.XENIUM),
    ("visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50", Technologies.VISIUM),
    ("visium_hd/Visium_HD_Mouse_Brain_square_002um_subset10", Technologies.VISIUM_HD),
    ("cosmx/Lung12_GiottoData_mini_fov2-3", Technologies.COSMX_VER1),
    ("merscope/vpt_testdata_mouse_liver_fov192", Technologies.MERSCOPE_VER2),  # vpt outputs: parquet boundaries
    ("spatialdata_zarr/blobs_spatialdata_zarr_v2", Technologies.SPATIALDATA_ZARR),
    ("anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset", Technologies.SPATIALDATA_H5AD),
]
# No public repository holds a complete small Xenium output under a permissive licence (testdata SOURCES.md):
# this set (XOA 1.x, from SpatialFeatureExperiment) was published without experiment.xenium, so parsing it shows
# the report of a missing required element; the prostate set above is the complete one.
INCOMPLETE = {"xenium/SFE_toy_Xenium_XOA1x_human_526cells": "published without experiment.xenium"}
parsed = {}
if hasattr(connector, "parse_data_information"):
    for folder, technology in BUNDLED_DATA:
        try:
            information = connector.parse_data_information(
                data_name=os.path.basename(folder),
                technology=technology.value,
                data_path=os.path.join(BUNDLED, folder),
            )
            parsed[folder] = information
            spatialx_connector.format_print(information)
        except Exception as error:
            expected = " (expected: %s)" % INCOMPLETE[folder] if folder in INCOMPLETE else ""
            print("[not parsed%s] %s as %s: %s" % (expected, folder, technology.value, error))
else:
    skip("parse_data_information", "data parsing")

section("1.8.2 Submitting a new study with a single sample and data")
submission_results = None
xenium_information = parsed.get("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset")
visium_information = parsed.get("visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50")
if xenium_information and visium_information:
    submission_results = connector.submit(
        group=DefaultGroup.PERSONAL_WORKSPACE.value,
        species=Species.HUMAN.value,
        title="Human Colon Cancer - 10xgenomics",
        sample_name="Human_Colon_Cancer_P2",
        sample_data=xenium_information + visium_information,
    )
    spatialx_connector.format_print(submission_results)

    section("1.8.3 Adding a new sample to an existing study")
    adding_sample_results = connector.add_sample(
        study_id=submission_results[ConnectorKeys.STUDY_ID.value],
        sample_name="Human_Colon_Cancer_P2 - New Sample",
        sample_data=visium_information,
    )
    spatialx_connector.format_print(adding_sample_results)

    section("1.8.4 Adding new data to an existing sample")
    adding_sample_data_results = connector.add_sample_data(
        study_id=adding_sample_results[ConnectorKeys.STUDY_ID.value],
        sample_id=adding_sample_results[ConnectorKeys.SAMPLE_ID.value],
        sample_data=xenium_information,
    )
    spatialx_connector.format_print(adding_sample_data_results)

    section("1.6 Accessing study information, again")
    studies = connector.list_study(group=DefaultGroup.PERSONAL_WORKSPACE.value, species=Species.HUMAN.value)
    spatialx_connector.format_print(studies)
    study_details = connector.get_study_detail(study_id=studies[0][ConnectorKeys.STUDY_ID.value])
    spatialx_connector.format_print(study_details)
    samples = connector.list_sample(study_id=studies[0][ConnectorKeys.STUDY_ID.value])
    spatialx_connector.format_print(samples)
    sample_details = connector.get_sample_detail(sample_id=samples[0][ConnectorKeys.SAMPLE_ID.value])
    spatialx_connector.format_print(sample_details)
else:
    skip("submit, add_sample, add_sample_data", "parse results to submit")

section("1.9 Analysis")
if submission_results is not None and hasattr(connector, "analysis"):
    data_id = submission_results[ConnectorKeys.SAMPLE_DATA.value][-1][ConnectorKeys.DATA_ID.value]
    response = connector.analysis.embeddings.pca(data_id=data_id, title="Connector - PCA")
    spatialx_connector.format_print(response)
    embeddings = connector.analysis.list_embedding(data_id)
    spatialx_connector.format_print(embeddings)
    response = connector.analysis.embeddings.umap(data_id=data_id, embedding_key=embeddings[0], title="Connector - UMAP")
    spatialx_connector.format_print(response)
    response = connector.analysis.clustering.louvain(
        data_id=data_id, embedding_key=embeddings[0], resolution=0.1, title="Connector - Louvain")
    spatialx_connector.format_print(response)
else:
    skip("analysis (PCA, UMAP, Louvain)", "analyses on submitted data")

section("Pictures: transcripts coloured by gene over the cell outlines")
pictures = [
    spatialx_connector.render_spatial(
        output=os.path.join(OUTPUT, "xenium_transcripts.png"),
        path=os.path.join(DATA, "xenium", "SFE_toy_Xenium_XOA1x_human_526cells", "transcripts.csv.gz"),
        x="x_location", y="y_location", color_by="feature_name",
        boundaries=os.path.join(DATA, "xenium", "SFE_toy_Xenium_XOA1x_human_526cells", "cell_boundaries.parquet"),
        title="Xenium transcripts by gene (SFE toy, 526 cells)", x_label="x (µm)", y_label="y (µm)"),
    spatialx_connector.render_spatial(
        output=os.path.join(OUTPUT, "cosmx_transcripts.png"),
        path=os.path.join(DATA, "cosmx", "Lung12_GiottoData_mini_fov2-3", "Lung12_tx_file.csv"),
        x="x_global_px", y="y_global_px", color_by="target", point_size=2,
        title="CosMx Lung12 transcripts by target (FOV 2-3)", x_label="x (px)", y_label="y (px)"),
]
spatialx_connector.format_print(pictures)

section("Done")
print("skipped steps: %s" % (", ".join(skipped) if skipped else "none"))
print("wall time: %.1f s" % (time.time() - STARTED))
if len(sys.argv) < 2 and not os.environ.get("SPATIALX_HOME"):
    print("The temporary home (and the pictures in it) is deleted as this script ends; to keep the pictures,"
          " give a folder: ./spatialx run examples/notebook.py pictures/")
