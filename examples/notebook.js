// BioTuring's SpatialX Connector notebook (seed/spatialx_connector_notebook.md) in JavaScript: the
// twin of notebook.py, cell by cell, against the embedded local server on the bundled data:
//
//   SPATIALX_HOME=/tmp/notebook-home ./spatialx run examples/notebook.js [pictures-folder]
//
// The same names as the Python module, as globals; keyword arguments as one options object; results
// are plain objects and arrays. What differs from the notebook is what differs in notebook.py (empty
// DOMAIN and TOKEN, bundled data paths, section 1.6 after 1.8.4, the analyses that run on SpatialX
// only and Lens left out); glue that is not a notebook cell is marked "(script)".
const join = (...parts) => parts.join("/").replace(/\/+/g, "/");  // (script) os.path.join
const script = argv[0].startsWith("/") ? argv[0] : join(env.PWD || ".", argv[0]);  // (script) os.path.abspath
const DATA = join(script.slice(0, script.lastIndexOf("/")), "data");  // (script) the bundled data
const PICTURES = argv.length > 1 ? argv[1] : temporary_folder({prefix: "notebook-pictures-js-"});
const leftOut = [];  // (script)
const section = (title) => console.log("\n## " + title);  // (script)
const leaveOut = (cells, reason) => { leftOut.push(cells); console.log("[left out] " + cells + ": " + reason); };
const waitForSubmission = (id) => {  // (script) the notebook's user runs the next cell later
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline && connector.get_sample_data_detail(id)["enable_status"] === 2) { /* processing */ }
};

section("1.3 Domain and Token");
const DOMAIN = "";
const TOKEN = "";

section("1.4.1 User's Information");
const connector = new SpatialXConnector({domain: DOMAIN, token: TOKEN});
spatialx_connector.format_print(connector.info);

section("1.4.2 Groups");
spatialx_connector.format_print(connector.groups);

section("1.5 List of Storages");
spatialx_connector.format_print(connector.s3);
spatialx_connector.format_print(connector.folders);
console.log(connector.listdir(DATA));
console.log(connector.listdir(join(DATA, "xenium")));

section("1.7 Uploading files");
let uploading_results = connector.upload_file({file_path: join(DATA, "xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/experiment.xenium")});
spatialx_connector.format_print(uploading_results);

uploading_results = connector.upload_big_file({file_path: join(DATA, "xenium/SFE_toy_Xenium_XOA1x_human_526cells/morphology_mip.ome.tif"), debug_mode: true});
spatialx_connector.format_print(uploading_results);

section("1.8.1 Parsing Data Information for Submission");
const Visium_V2_Human_Colon_Cancer_P2_submission_information = connector.parse_data_information({
  data_name: "Visium_V2_Human_Colon_Cancer_P2",
  technology: Technologies.VISIUM.value,
  data_path: join(DATA, "visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50"),
});
spatialx_connector.format_print(Visium_V2_Human_Colon_Cancer_P2_submission_information);

const Xenium_V1_Human_Colon_Cancer_P2_submission_information = connector.parse_data_information({
  data_name: "Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE",
  technology: Technologies.XENIUM.value,
  data_path: join(DATA, "xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset"),
});
spatialx_connector.format_print(Xenium_V1_Human_Colon_Cancer_P2_submission_information);

section("1.8.2 Submitting a New Study with a Single Sample and Data");
const submission_results = connector.submit({
  group: DefaultGroup.PERSONAL_WORKSPACE.value,
  species: Species.HUMAN.value,
  title: "Human Colon Cancer - 10xgenomics",
  sample_name: "Human_Colon_Cancer_P2",
  sample_data: Xenium_V1_Human_Colon_Cancer_P2_submission_information.concat(Visium_V2_Human_Colon_Cancer_P2_submission_information),
});
spatialx_connector.format_print(submission_results);

section("1.8.3 Adding a New Sample to an Existing Study");
const adding_sample_results = connector.add_sample({
  study_id: submission_results[ConnectorKeys.STUDY_ID.value],
  sample_name: "Human_Colon_Cancer_P2 - New Sample",
  sample_data: Visium_V2_Human_Colon_Cancer_P2_submission_information,
});
spatialx_connector.format_print(adding_sample_results);

section("1.8.4 Adding New Data to an Existing Sample");
const adding_sample_data_results = connector.add_sample_data({
  study_id: adding_sample_results[ConnectorKeys.STUDY_ID.value],
  sample_id: adding_sample_results[ConnectorKeys.SAMPLE_ID.value],
  sample_data: Xenium_V1_Human_Colon_Cancer_P2_submission_information,
});
spatialx_connector.format_print(adding_sample_data_results);

section("1.6 Accessing study information");
const studies = connector.list_study({
  group: DefaultGroup.PERSONAL_WORKSPACE.value,
  species: Species.HUMAN.value,
});
spatialx_connector.format_print(studies);
const study_details = connector.get_study_detail({study_id: studies[0][ConnectorKeys.STUDY_ID.value]});
spatialx_connector.format_print(study_details);
const samples = connector.list_sample({study_id: studies[0][ConnectorKeys.STUDY_ID.value]});
spatialx_connector.format_print(samples);
const sample_details = connector.get_sample_detail({sample_id: samples[0][ConnectorKeys.SAMPLE_ID.value]});
spatialx_connector.format_print(sample_details);

section("1.8.5 Parsing Submission Information for Multiple Samples");
const multiple_cosmx_samples_submission_information = connector.parse_multiple_samples_information({
  technology: Technologies.COSMX_VER1.value,
  data_path: join(DATA, "cosmx"),
  sample_name_mapping: {
    "Lung6": "Human Lung Cancer - Sample 6",
    "Lung9_Rep1": "Human Lung Cancer - Sample 9 Rep 1",
    "Lung9_Rep2": "Human Lung Cancer - Sample 9 Rep 2",
  },
  data_name_mapping: {
    "Lung6": "Sample 6",
    "Lung9_Rep1": "Sample 9 Rep 1",
    "Lung9_Rep2": "Sample 9 Rep 2",
  },
});
spatialx_connector.format_print(multiple_cosmx_samples_submission_information);

const multiple_samples_submission_results = connector.submit_multiple_samples({
  group: DefaultGroup.PERSONAL_WORKSPACE.value,
  species: Species.HUMAN.value,
  title: "Multiple Human Lung Cancer - CosMX Ver1",
  sample_data: multiple_cosmx_samples_submission_information,
});
spatialx_connector.format_print(multiple_samples_submission_results);

section("1.8.6 Data Details and Element Management");
const DATA_ID = submission_results[ConnectorKeys.SAMPLE_DATA.value][0][ConnectorKeys.DATA_ID.value];
const sample_data_info = connector.get_sample_data_detail(DATA_ID);
spatialx_connector.format_print(sample_data_info);

const add_segmentation_result = connector.add_sample_data_element({
  title: "Proteomics Segmentation",
  study_id: sample_data_info[ConnectorKeys.STUDY_ID.value],
  sample_id: sample_data_info[ConnectorKeys.SAMPLE_ID.value],
  data_id: sample_data_info[ConnectorKeys.DATA_ID.value],
  adding_types: [SegmentationSubmission.PARQUET.value],
  paths: {
    [SubmissionElementKeys.SEGMENTATION.value]: join(DATA, "xenium/SFE_toy_Xenium_XOA1x_human_526cells/cell_boundaries.parquet"),
  },
});
spatialx_connector.format_print(add_segmentation_result);
waitForSubmission(DATA_ID);  // (script)

const sample_data_elements = connector.get_sample_data_elements(DATA_ID);
spatialx_connector.format_print(sample_data_elements);

if (sample_data_elements[SubmissionElementKeys.CELL_CENTERS.value]) {  // (script)
  const add_expression_result = connector.add_sample_data_element({
    title: "Proteomics Expression",
    study_id: sample_data_info[ConnectorKeys.STUDY_ID.value],
    sample_id: sample_data_info[ConnectorKeys.SAMPLE_ID.value],
    data_id: sample_data_info[ConnectorKeys.DATA_ID.value],
    adding_types: [ExpressionSubmission.IMPORT_ANNDATA.value],
    paths: {
      [SubmissionElementKeys.EXPRESSION.value]: join(DATA, "anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset/test_data.h5ad"),
    },
    args: {
      [SubmissionElementKeys.SPATIAL_ID.value]: sample_data_elements[SubmissionElementKeys.CELL_CENTERS.value][0],
    },
  });
  spatialx_connector.format_print(add_expression_result);
} else {
  leaveOut("1.8.6 Adding New Expression Matrix", "the data set has no cell centers to attach it to (the bundled"
    + " Xenium 5K subset's matrix and cells.parquet are of different runs, so its ingestion fails)");
}

section("1.8.7 Customizing Submission Data Structure");
const study_id = connector.create_study({
  group: DefaultGroup.PERSONAL_WORKSPACE,
  species: Species.HUMAN,
  title: "Human Pancreas - CODEX",
});
console.log(study_id);

spatialx_connector.format_print(connector.add_custom_sample({
  study_id: study_id,
  sample_name: "human_pancreas_codex",
  data_name: "human_pancreas_codex",
  technology: Technologies.PROTEIN_QPTIFF,
  adding_types: [
    ImagesSubmission.PROTEIN_QPTIFF,
    SegmentationSubmission.PARQUET,
    ExpressionSubmission.IMPORT_ANNDATA,
  ],
  paths: {
    [SubmissionElementKeys.PROTEIN_IMAGES]: join(DATA, "xenium/SFE_toy_Xenium_XOA1x_human_526cells/morphology_focus.ome.tif"),
    [SubmissionElementKeys.SEGMENTATION]: join(DATA, "xenium/SFE_toy_Xenium_XOA1x_human_526cells/cell_boundaries.parquet"),
    [SubmissionElementKeys.EXPRESSION]: join(DATA, "anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset/test_data.h5ad"),
  },
  args: {
    [SubmissionElementKeys.MPP]: 1,
  },
}));

section("1.9 Analysis");
const data_id = submission_results[ConnectorKeys.SAMPLE_DATA.value][submission_results[ConnectorKeys.SAMPLE_DATA.value].length - 1][ConnectorKeys.DATA_ID.value];
console.log(data_id);
waitForSubmission(data_id);  // (script)

section("1.9.1 Embeddings");
let response = connector.analysis.embeddings.pca({data_id: data_id, title: "Connector - PCA"});
spatialx_connector.format_print(response);

leaveOut("1.9.1 scVI", "scVI runs on a SpatialX server only");

let embeddings = connector.analysis.list_embedding(data_id);
spatialx_connector.format_print(embeddings);

response = connector.analysis.embeddings.umap({data_id: data_id, embedding_key: embeddings[0], title: "Connector - UMAP"});
spatialx_connector.format_print(response);

response = connector.analysis.embeddings.tsne({data_id: data_id, embedding_key: embeddings[0], title: "Connector - tSNE"});
spatialx_connector.format_print(response);

section("1.9.2 Clustering");
response = connector.analysis.clustering.louvain({
  data_id: data_id,
  embedding_key: embeddings[0],
  resolution: 0.1,
  title: "Connector - Louvain",
});
spatialx_connector.format_print(response);

response = connector.analysis.clustering.kmeans({
  data_id: data_id,
  embedding_key: embeddings[0],
  n_clusters: 5,
  title: "Connector - k-means",
});
spatialx_connector.format_print(response);

section("1.9.3 Cell Type Prediction");
embeddings = connector.analysis.list_embedding(data_id);
spatialx_connector.format_print(embeddings);

const metadata = connector.analysis.list_metadata(data_id);
spatialx_connector.format_print(metadata);

response = connector.analysis.prediction.metadata_reference({
  data_id: data_id,
  cluster_key: metadata[0],
  species: Species.HUMAN.value,
  title: "Connector - Metadata Reference",
});
spatialx_connector.format_print(response);

leaveOut("1.9.4 differential_expression_genes", "the cell's method is the default venice, BioTuring's, which runs"
  + " on a SpatialX server only (locally method=\"wilcoxon\" or \"t-test\" run)");

response = connector.analysis.spatial_analysis.region_segmentation({
  data_id: data_id,
  radius: 50,
  mpp: 0.2125,
  resolution: 0.5,
  species: Species.HUMAN.value,
  title: "Connector - Region Segmentation",
});
spatialx_connector.format_print(response);

section("1.10 Convert Data from Lens");
const LENS_SC_HOST = env.LENS_SC_HOST || "";
const LENS_SC_TOKEN = env.LENS_SC_TOKEN || "";
if (LENS_SC_HOST) {  // (script)
  const lens_sc_studies = connector.list_lens_sc_studies({
    host: LENS_SC_HOST, token: LENS_SC_TOKEN,
    group: DefaultGroup.PERSONAL_WORKSPACE,
    species: Species.HUMAN.value,
  });
  spatialx_connector.format_print(lens_sc_studies);
  // Convert a study
  connector.convert_data_from_lens(lens_sc_studies[0]);
} else {
  leaveOut("1.10.2 - 1.10.3 (list and convert Lens studies)", "they need a BioTuring Lens server: set LENS_SC_HOST, LENS_SC_TOKEN");
}

section("Beyond the notebook: transcripts coloured by gene over the cell outlines");  // (script)
spatialx_connector.format_print(render_spatial({
  output: join(PICTURES, "xenium_transcripts_js.png"),
  path: join(DATA, "xenium", "SFE_toy_Xenium_XOA1x_human_526cells", "transcripts.csv.gz"),
  x: "x_location", y: "y_location", color_by: "feature_name",
  boundaries: join(DATA, "xenium", "SFE_toy_Xenium_XOA1x_human_526cells", "cell_boundaries.parquet"),
  title: "Xenium transcripts by gene (SFE toy, 526 cells)", x_label: "x (µm)", y_label: "y (µm)"}));

section("Beyond the notebook: the analyses' results as pictures");  // (script)
spatialx_connector.format_print([
  render_embedding({output: join(PICTURES, "umap_by_kmeans_js.png"), data_id: data_id,
    embedding: "Connector - UMAP", color_by: "Connector - k-means"}),
  render_spatial({output: join(PICTURES, "spots_by_region_js.png"), data_id: data_id,
    color_by: "Connector - Region Segmentation"}),
]);

section("Done");  // (script)
console.log("left out: " + (leftOut.length ? leftOut.join("; ") : "nothing"));
if (argv.length < 2) {  // (script)
  console.log("The pictures' temporary folder is deleted as this script ends; to keep them, name a folder:"
    + " ./spatialx run examples/notebook.js pictures/");
}
