# BioTuring's SpatialX Connector notebook (seed/spatialx_connector_notebook.md), its cells verbatim,
# run against the embedded local server on the small real data sets bundled in examples/data:
#
#   SPATIALX_HOME=/tmp/notebook-home ./spatialx run examples/notebook.py [pictures-folder]
#
# What differs from the notebook, and only that:
# * DOMAIN and TOKEN are empty (the local server of SPATIALX_HOME, like the notebook's own default);
# * data paths name the bundled data (DATA) instead of the public bucket connector.s3["bioturingpublic"],
#   which a local server does not have; data names are the notebook's, whatever the bundled data is;
# * a cell that ends with a bare expression prints it (Jupyter displays it);
# * section 1.6 runs after 1.8.4: the notebook's account has studies already, a fresh home has none
#   before the first submission;
# * of the analysis cells (1.9), those whose kinds the local server runs (PCA, UMAP, t-SNE, Louvain,
#   k-means, metadata_reference with the bundled marker reference, region segmentation, the listings) run;
#   the others are left out with a line saying why (scVI and venice DE genes run on SpatialX only); the
#   Lens cells (1.10) run when LENS_SC_HOST/LENS_SC_TOKEN (and LENS_BULK_...) name a BioTuring Lens server;
#   1.8.6's "Adding New Expression Matrix" needs the data set's cell centers, which the bundled Xenium 5K
#   subset cannot give (its matrix and cells.parquet are of different runs, so its ingestion fails).
# Glue that is not a notebook cell is marked "(script)".
import warnings
warnings.filterwarnings("ignore")

import os

import spatialx_connector
from spatialx_connector import SpatialXConnector
from spatialx_connector import Technologies
from spatialx_connector import DefaultGroup
from spatialx_connector import Species
from spatialx_connector import ConnectorKeys
from spatialx_connector import SubmissionElementKeys
from spatialx_connector import SegmentationSubmission
from spatialx_connector import ExpressionSubmission

import sys  # (script)
import time  # (script)

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")  # (script) the bundled data
PICTURES = sys.argv[1] if len(sys.argv) > 1 else spatialx_connector.temporary_folder(prefix="notebook-pictures-")
left_out = []  # (script)


def section(title):  # (script)
    print("\n## " + title)


def leave_out(cells, reason):  # (script)
    left_out.append(cells)
    print("[left out] %s: %s" % (cells, reason))


def wait_for_submission(data_id, seconds=120):  # (script)
    """The notebook's user runs the next cell later; a script waits for the server's submission job."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if connector.get_sample_data_detail(data_id)["enable_status"] != 2:  # 2: processing
            return
        time.sleep(0.2)


section("1.3 Domain and Token")
DOMAIN = ""
TOKEN = ""

section("1.4.1 User's Information")
connector = SpatialXConnector(domain=DOMAIN, token=TOKEN)
spatialx_connector.format_print(connector.info)

section("1.4.2 Groups")
spatialx_connector.format_print(connector.groups)

section("1.5.1 AWS buckets")
spatialx_connector.format_print(connector.s3)

section("1.5.2 Personal and Shared Folders")
spatialx_connector.format_print(connector.folders)

section("1.5.3 Browsing Storage")
print(connector.listdir(DATA))
print(connector.listdir(os.path.join(DATA, "xenium")))

section("1.7 Uploading files")
uploading_results = connector.upload_file(file_path=os.path.join(DATA, "xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/experiment.xenium"))
spatialx_connector.format_print(uploading_results)

uploading_results = connector.upload_big_file(file_path=os.path.join(DATA, "xenium/SFE_toy_Xenium_XOA1x_human_526cells/morphology_mip.ome.tif"), debug_mode=True)
spatialx_connector.format_print(uploading_results)

uploading_results = connector.upload_folder(dir_path=os.path.join(DATA, "xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset"), debug_mode=True)
spatialx_connector.format_print(uploading_results)

section("1.8.1 Parsing Data Information for Submission")
Visium_V2_Human_Colon_Cancer_P2_submission_information = connector.parse_data_information(
    data_name="Visium_V2_Human_Colon_Cancer_P2",
    technology=Technologies.VISIUM.value,
    data_path=os.path.join(
        DATA,
        "visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50"
    )
)
spatialx_connector.format_print(Visium_V2_Human_Colon_Cancer_P2_submission_information)

Xenium_V1_Human_Colon_Cancer_P2_submission_information = connector.parse_data_information(
    data_name="Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE",
    technology=Technologies.XENIUM.value,
    data_path=os.path.join(
        DATA,
        "xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset"
    )
)
spatialx_connector.format_print(Xenium_V1_Human_Colon_Cancer_P2_submission_information)

section("1.8.2 Submitting a New Study with a Single Sample and Data")
submission_results = connector.submit(
    group=DefaultGroup.PERSONAL_WORKSPACE.value,
    species=Species.HUMAN.value,
    title="Human Colon Cancer - 10xgenomics",
    sample_name="Human_Colon_Cancer_P2",
    sample_data=Xenium_V1_Human_Colon_Cancer_P2_submission_information + Visium_V2_Human_Colon_Cancer_P2_submission_information,
)
spatialx_connector.format_print(submission_results)

section("1.8.3 Adding a New Sample to an Existing Study")
adding_sample_results = connector.add_sample(
    study_id=submission_results[ConnectorKeys.STUDY_ID.value],
    sample_name="Human_Colon_Cancer_P2 - New Sample",
    sample_data=Visium_V2_Human_Colon_Cancer_P2_submission_information,
)
spatialx_connector.format_print(adding_sample_results)

section("1.8.4 Adding New Data to an Existing Sample")
adding_sample_data_results = connector.add_sample_data(
    study_id=adding_sample_results[ConnectorKeys.STUDY_ID.value],
    sample_id=adding_sample_results[ConnectorKeys.SAMPLE_ID.value],
    sample_data=Xenium_V1_Human_Colon_Cancer_P2_submission_information,
)
spatialx_connector.format_print(adding_sample_data_results)

section("1.6.1 Listing studies")
studies = connector.list_study(
    group=DefaultGroup.PERSONAL_WORKSPACE.value,
    species=Species.HUMAN.value,
)
spatialx_connector.format_print(studies)

section("1.6.2 Retrieving Study Details")
study_details = connector.get_study_detail(study_id=studies[0][ConnectorKeys.STUDY_ID.value])
spatialx_connector.format_print(study_details)

section("1.6.3 Listing Samples within a Study")
samples = connector.list_sample(study_id=studies[0][ConnectorKeys.STUDY_ID.value])
spatialx_connector.format_print(samples)

section("1.6.4 Retrieving Sample Details")
sample_details = connector.get_sample_detail(sample_id=samples[0][ConnectorKeys.SAMPLE_ID.value])
spatialx_connector.format_print(sample_details)

section("1.8.5 Parsing Submission Information for Multiple Samples")
multiple_cosmx_samples_submission_information = connector.parse_multiple_samples_information(
    technology=Technologies.COSMX_VER1.value,
    data_path=os.path.join(DATA, "cosmx"),
    sample_name_mapping={
        "Lung6": "Human Lung Cancer - Sample 6",
        "Lung9_Rep1": "Human Lung Cancer - Sample 9 Rep 1",
        "Lung9_Rep2": "Human Lung Cancer - Sample 9 Rep 2",
    },
    data_name_mapping={
        "Lung6": "Sample 6",
        "Lung9_Rep1": "Sample 9 Rep 1",
        "Lung9_Rep2": "Sample 9 Rep 2",
    },
)
spatialx_connector.format_print(multiple_cosmx_samples_submission_information)

multiple_samples_submission_results = connector.submit_multiple_samples(
    group=DefaultGroup.PERSONAL_WORKSPACE.value,
    species=Species.HUMAN.value,
    title="Multiple Human Lung Cancer - CosMX Ver1",
    sample_data=multiple_cosmx_samples_submission_information,
)
spatialx_connector.format_print(multiple_samples_submission_results)

section("1.8.6 Data Details and Element Management")
DATA_ID = submission_results[ConnectorKeys.SAMPLE_DATA.value][0][ConnectorKeys.DATA_ID.value]
wait_for_submission(DATA_ID)  # (script)

sample_data_info = connector.get_sample_data_detail(DATA_ID)
spatialx_connector.format_print(sample_data_info)
if sample_data_info.get("submission_state") == "failed":  # (script)
    print("[expected] the bundled Xenium subset (MultiQC test data, examples/data/NOTICE.md) pairs a 25-cell"
          " test matrix with rows of another cells.parquet, so the server refuses to ingest it, saying why"
          " (submission_error); the other bundled data sets ingest")

add_segmentation_result = connector.add_sample_data_element(
    title="Proteomics Segmentation",
    study_id=sample_data_info[ConnectorKeys.STUDY_ID.value],
    sample_id=sample_data_info[ConnectorKeys.SAMPLE_ID.value],
    data_id=sample_data_info[ConnectorKeys.DATA_ID.value],
    adding_types=[SegmentationSubmission.PARQUET.value],
    paths={
        SubmissionElementKeys.SEGMENTATION.value: os.path.join(
            DATA,
            "xenium/SFE_toy_Xenium_XOA1x_human_526cells/cell_boundaries.parquet",
        )
    }
)
spatialx_connector.format_print(add_segmentation_result)
wait_for_submission(DATA_ID)  # (script)

sample_data_elements = connector.get_sample_data_elements(DATA_ID)
spatialx_connector.format_print(sample_data_elements)

if SubmissionElementKeys.CELL_CENTERS.value in sample_data_elements:  # (script)
    add_expression_result = connector.add_sample_data_element(
        title="Proteomics Expression",
        study_id=sample_data_info[ConnectorKeys.STUDY_ID.value],
        sample_id=sample_data_info[ConnectorKeys.SAMPLE_ID.value],
        data_id=sample_data_info[ConnectorKeys.DATA_ID.value],
        adding_types=[ExpressionSubmission.IMPORT_ANNDATA.value],
        paths={
            SubmissionElementKeys.EXPRESSION.value: os.path.join(
                DATA,
                "anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset/test_data.h5ad",
            ),
        },
        args={
            SubmissionElementKeys.SPATIAL_ID.value: sample_data_elements[SubmissionElementKeys.CELL_CENTERS.value][0],
        }
    )
    spatialx_connector.format_print(add_expression_result)
else:
    leave_out("1.8.6 Adding New Expression Matrix",
              "the data set has no cell centers to attach it to (the bundled Xenium 5K subset's matrix and"
              " cells.parquet are of different runs, so its ingestion fails)")

section("1.8.7 Customizing Submission Data Structure")
study_id = connector.create_study(
    group=DefaultGroup.PERSONAL_WORKSPACE,
    species=Species.HUMAN,
    title="Human Pancreas - CODEX"
)
print(study_id)

from spatialx_connector import ImagesSubmission  # (script) the notebook's cell uses it without importing it

print(connector.add_custom_sample(
    study_id=study_id,
    sample_name="human_pancreas_codex",
    data_name="human_pancreas_codex",
    technology=Technologies.PROTEIN_QPTIFF,
    adding_types=[
        ImagesSubmission.PROTEIN_QPTIFF,
        SegmentationSubmission.PARQUET,
        ExpressionSubmission.IMPORT_ANNDATA,
    ],
    paths={
        SubmissionElementKeys.PROTEIN_IMAGES: os.path.join(
            DATA,
            "xenium/SFE_toy_Xenium_XOA1x_human_526cells/morphology_focus.ome.tif",
        ),
        SubmissionElementKeys.SEGMENTATION: os.path.join(
            DATA,
            "xenium/SFE_toy_Xenium_XOA1x_human_526cells/cell_boundaries.parquet",
        ),
        SubmissionElementKeys.EXPRESSION: os.path.join(
            DATA,
            "anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset/test_data.h5ad",
        ),
    },
    args={
        SubmissionElementKeys.MPP: 1,
    },
))

section("1.9 Analysis")
data_id = submission_results[ConnectorKeys.SAMPLE_DATA.value][-1][ConnectorKeys.DATA_ID.value]
print(data_id)
wait_for_submission(data_id)  # (script)

section("1.9.1 Embeddings")
response = connector.analysis.embeddings.pca(data_id=data_id, title="Connector - PCA")
spatialx_connector.format_print(response)

leave_out("1.9.1 scVI", "scVI runs on a SpatialX server only")

embeddings = connector.analysis.list_embedding(data_id)
spatialx_connector.format_print(embeddings)

response = connector.analysis.embeddings.umap(data_id=data_id, embedding_key=embeddings[0], title="Connector - UMAP")
spatialx_connector.format_print(response)

response = connector.analysis.embeddings.tsne(data_id=data_id, embedding_key=embeddings[0], title="Connector - tSNE")
spatialx_connector.format_print(response)

section("1.9.2 Clustering")
response = connector.analysis.clustering.louvain(
    data_id=data_id,
    embedding_key=embeddings[0],
    resolution=0.1,
    title="Connector - Louvain",
)
spatialx_connector.format_print(response)

response = connector.analysis.clustering.kmeans(
    data_id=data_id,
    embedding_key=embeddings[0],
    n_clusters=5,
    title="Connector - k-means",
)
spatialx_connector.format_print(response)

section("1.9.3 Cell Type Prediction")
embeddings = connector.analysis.list_embedding(data_id)
spatialx_connector.format_print(embeddings)

metadata = connector.analysis.list_metadata(data_id)
spatialx_connector.format_print(metadata)

response = connector.analysis.prediction.metadata_reference(
    data_id=data_id,
    cluster_key=metadata[0],
    species=Species.HUMAN.value,
    title="Connector - Metadata Reference",
)
spatialx_connector.format_print(response)
leave_out("1.9.4 differential_expression_genes",
          "the cell's method is the default venice, BioTuring's, which runs on a SpatialX server only"
          " (locally method=\"wilcoxon\" or \"t-test\" run)")
response = connector.analysis.spatial_analysis.region_segmentation(
    data_id=data_id,
    radius=50,
    mpp=0.2125,
    resolution=0.5,
    species=Species.HUMAN.value,
    title="Connector - Region Segmentation",
)
spatialx_connector.format_print(response)

section("1.10 Convert Data from Lens")
LENS_SC_HOST: str = os.environ.get("LENS_SC_HOST", "")
LENS_SC_TOKEN: str = os.environ.get("LENS_SC_TOKEN", "")
LENS_BULK_HOST: str = os.environ.get("LENS_BULK_HOST", "")
LENS_BULK_TOKEN: str = os.environ.get("LENS_BULK_TOKEN", "")
if LENS_SC_HOST and LENS_BULK_HOST:  # (script)
    lens_sc_studies = connector.list_lens_sc_studies(
        host=LENS_SC_HOST, token=LENS_SC_TOKEN,
        group=DefaultGroup.PERSONAL_WORKSPACE,
        species=Species.HUMAN.value,
    )
    spatialx_connector.format_print(lens_sc_studies)

    lens_bulk_studies = connector.list_lens_bulk_studies(
        host=LENS_BULK_HOST, token=LENS_BULK_TOKEN,
        group=DefaultGroup.PERSONAL_WORKSPACE,
        species=Species.HUMAN.value,
    )
    spatialx_connector.format_print(lens_bulk_studies)

    # Convert a study
    connector.convert_data_from_lens(lens_sc_studies[0])

    # Convert multiple studies
    connector.convert_data_from_lens(lens_bulk_studies)
else:
    leave_out("1.10.2 - 1.10.3 (list and convert Lens studies)",
              "they need a BioTuring Lens server: set LENS_SC_HOST, LENS_SC_TOKEN, LENS_BULK_HOST, LENS_BULK_TOKEN")

section("Beyond the notebook: transcripts coloured by gene over the cell outlines")  # (script)
spatialx_connector.format_print([
    spatialx_connector.render_spatial(
        output=os.path.join(PICTURES, "xenium_transcripts.png"),
        path=os.path.join(DATA, "xenium", "SFE_toy_Xenium_XOA1x_human_526cells", "transcripts.csv.gz"),
        x="x_location", y="y_location", color_by="feature_name",
        boundaries=os.path.join(DATA, "xenium", "SFE_toy_Xenium_XOA1x_human_526cells", "cell_boundaries.parquet"),
        title="Xenium transcripts by gene (SFE toy, 526 cells)", x_label="x (µm)", y_label="y (µm)"),
    spatialx_connector.render_spatial(
        output=os.path.join(PICTURES, "cosmx_transcripts.png"),
        path=os.path.join(DATA, "cosmx", "Lung12_GiottoData_mini_fov2-3", "Lung12_tx_file.csv"),
        x="x_global_px", y="y_global_px", color_by="target", point_size=2,
        title="CosMx Lung12 transcripts by target (FOV 2-3)", x_label="x (px)", y_label="y (px)"),
])

section("Beyond the notebook: the analyses' results as pictures")  # (script)
spatialx_connector.format_print([
    spatialx_connector.render_embedding(
        output=os.path.join(PICTURES, "umap_by_kmeans.png"), data_id=data_id,
        embedding="Connector - UMAP", color_by="Connector - k-means"),
    spatialx_connector.render_spatial(
        output=os.path.join(PICTURES, "spots_by_kmeans.png"), data_id=data_id, color_by="Connector - k-means"),
    spatialx_connector.render_spatial(
        output=os.path.join(PICTURES, "spots_by_region.png"), data_id=data_id,
        color_by="Connector - Region Segmentation"),
])

section("Done")  # (script)
print("left out: %s" % ("; ".join(left_out) if left_out else "nothing"))
if len(sys.argv) < 2:  # (script)
    print("The pictures' temporary folder is deleted as this script ends; to keep them, name a folder:"
          " ./spatialx run examples/notebook.py pictures/")
