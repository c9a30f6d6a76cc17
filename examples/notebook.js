// The SpatialX Connector notebook (../shared/seed) in JavaScript: the twin of notebook.py.
//
//   ./spatialx run examples/notebook.js [output-folder]
//
// Same names as the Python module, as globals; keyword arguments as one options object; results
// are plain objects and arrays. Steps whose capability this build lacks are skipped with a note.
const STARTED = Date.now();
const join = (...parts) => parts.join("/").replace(/\/+/g, "/");
const script = argv[0];
const EXAMPLES = script.includes("/") ? script.slice(0, script.lastIndexOf("/")) : ".";
const DATA = join(EXAMPLES, "data");
const HOME = env.SPATIALX_HOME || temporary_folder({prefix: "spatialx-notebook-js-"});
const OUTPUT = argv.length > 1 ? argv[1] : join(HOME, "pictures");
const skipped = [];
const section = (title) => console.log("\n## " + title + "  (" + ((Date.now() - STARTED) / 1000).toFixed(1) + " s)");
const skip = (step, capability) => { skipped.push(step); console.log("[skipped] " + step + ": this build has no " + capability + " yet"); };

// 1.3 Domain and Token: an empty DOMAIN is the embedded local server (here with the bundled data mounted).
const DOMAIN = "";
const TOKEN = "";
section("1.4 Explore your account (local server in " + HOME + ")");
const connector = DOMAIN ? new SpatialXConnector({domain: DOMAIN, token: TOKEN})
  : spatialx_connector.local({home: HOME, mounts: {examples: DATA}});
format_print(connector.info);
format_print(connector.groups);

section("1.5 List of storages");
format_print(connector.s3);
format_print(connector.folders);
const BUNDLED = connector.folders.examples || DATA;
format_print(connector.listdir(BUNDLED));
format_print(connector.listdir(join(BUNDLED, "xenium")));

section("1.6 Accessing study information");
let studies = connector.list_study({group: DefaultGroup.PERSONAL_WORKSPACE.value, species: Species.HUMAN.value});
format_print(studies);

section("1.7 Uploading files");
const XENIUM = join(BUNDLED, "xenium", "Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset");
if ("upload_file" in connector) {
  format_print(connector.upload_file({file_path: join(XENIUM, "experiment.xenium")}));
} else {
  skip("upload_file", "uploads");
}

section("1.8.1 Parsing data information, one per bundled technology");
const BUNDLED_DATA = [
  ["xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset", Technologies.XENIUM],
  ["visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50", Technologies.VISIUM],
  ["visium_hd/Visium_HD_Mouse_Brain_square_002um_subset10", Technologies.VISIUM_HD],
  ["cosmx/Lung12_GiottoData_mini_fov2-3", Technologies.COSMX_VER1],
  ["merscope/vpt_testdata_mouse_liver_fov192", Technologies.MERSCOPE_VER2],  // vpt outputs: parquet boundaries
];
const parsed = {};
if ("parse_data_information" in connector) {
  for (const [folder, technology] of BUNDLED_DATA) {
    try {
      parsed[folder] = connector.parse_data_information({
        data_name: folder.split("/").pop(), technology: technology.value, data_path: join(BUNDLED, folder)});
      format_print(parsed[folder]);
    } catch (error) {
      console.log("[not parsed] " + folder + " as " + technology.value + ": " + error.message);
    }
  }
} else {
  skip("parse_data_information", "data parsing");
}

section("1.8.2 Submitting a new study with a single sample and data");
const xenium = parsed["xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset"];
const visium = parsed["visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50"];
if (xenium && visium) {
  const submission = connector.submit({
    group: DefaultGroup.PERSONAL_WORKSPACE.value, species: Species.HUMAN.value,
    title: "Human Colon Cancer - 10xgenomics", sample_name: "Human_Colon_Cancer_P2",
    sample_data: xenium.concat(visium)});
  format_print(submission);
  studies = connector.list_study({group: DefaultGroup.PERSONAL_WORKSPACE.value, species: Species.HUMAN.value});
  format_print(connector.get_study_detail({study_id: studies[0][ConnectorKeys.STUDY_ID.value]}));
} else {
  skip("submit", "parse results to submit");
}

section("Pictures: spatial positions coloured by gene");
format_print(render_spatial({
  output: join(OUTPUT, "xenium_transcripts_js.png"),
  path: join(DATA, "xenium", "SFE_toy_Xenium_XOA1x_human_526cells", "transcripts.csv.gz"),
  x: "x_location", y: "y_location", color_by: "feature_name",
  boundaries: join(DATA, "xenium", "SFE_toy_Xenium_XOA1x_human_526cells", "cell_boundaries.parquet"),
  title: "Xenium transcripts by gene (SFE toy, 526 cells)", x_label: "x (µm)", y_label: "y (µm)"}));

section("Done");
console.log("skipped steps: " + (skipped.length ? skipped.join(", ") : "none"));
console.log("wall time: " + ((Date.now() - STARTED) / 1000).toFixed(1) + " s");
if (argv.length < 2 && !env.SPATIALX_HOME) {
  console.log("The temporary home (and the pictures in it) is deleted as this script ends; to keep the pictures,"
    + " give a folder: ./spatialx run examples/notebook.js pictures/");
}
