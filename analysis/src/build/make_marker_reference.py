"""Builds the bundled marker reference of prediction.metadata_reference (hra-markers.tsv) from the Human Reference
Atlas's ASCT+B tables (HuBMAP, CC BY 4.0), as found in a checkout of github.com/hubmapconsortium/ccf-releases.

Usage: make_marker_reference.py CCF_RELEASES_DIR OUT.tsv
Reads the tables listed in TABLES (the latest release of each organ's table in ccf-releases), and for each row with
gene biomarkers takes the most specific cell type level whose label is a Cell Ontology label (levels named after
atlas clusters, e.g. "Amex_153 ..." or "... (Hsap)", are skipped for their parent level), merges rows of the same cell
type across tables (union of markers), and files each cell type under a major type by the keyword rules of MAJOR
(first match; "Other cell" otherwise). Writes one line per cell type: sub type, major type, organs, markers.
"""
import csv
import os
import re
import sys
from collections import OrderedDict

TABLES = [
    "v1.3/asct-b/asct-b-vh-blood-pelvis.csv", "v2.0/asct-b/asct-b-vh-bone-marrow.csv",
    "v2.0/asct-b/asct-b-vh-lymph-node.csv", "v1.3/asct-b/asct-b-vh-spleen.csv", "v2.0/asct-b/asct-b-vh-thymus.csv",
    "v2.0/asct-b/asct-b-vh-palatine-tonsil.csv", "v2.0/asct-b/asct-b-vh-lung.csv",
    "v2.0/asct-b/asct-b-vh-main-bronchus.csv", "v2.0/asct-b/asct-b-vh-heart.csv", "v2.0/asct-b/asct-b-vh-kidney.csv",
    "v2.0/asct-b/asct-b-vh-liver.csv", "v2.0/asct-b/asct-b-vh-pancreas.csv",
    "v1.3/asct-b/asct-b-vh-large-intestine.csv", "v1.3/asct-b/asct-b-vh-small-intestine.csv",
    "v2.0/asct-b/asct-b-vh-prostate.csv", "v2.0/asct-b/asct-b-vh-placenta-full-term.csv",
    "v2.0/asct-b/asct-b-vh-knee.csv", "v2.0/asct-b/asct-b-vh-lymph-vasculature.csv",
    "v2.0/asct-b/asct-b-allen-brain.csv", "v2.0/asct-b/asct-b-vh-peripheral-nervous-system.csv",
]

MAJOR = [
    ("T cell", r"\bT cell|thymocyte|T-cell|\bTreg\b|intraepithelial T|T-helper|T follicular|T lineage"),
    ("NK cell", r"natural killer|\bNK\b|innate lymphoid|Pit cell"),
    ("B cell", r"\bB cell|plasma cell|plasmablast|B lineage|germinal center|centroblast|centrocyte"),
    ("Myeloid cell", r"macrophage|monocyte|dendritic|microglia|Kupffer|Langerhans|Hofbauer|neutrophil|eosinophil"
                     r"|basophil|mast cell|granulocyte|myeloid|osteoclast|myelocyte|phagocyte"),
    ("Endothelial cell", r"endothelial|endocardial|vasa recta|vascular cell"),
    ("Smooth muscle cell / pericyte", r"smooth muscle|pericyte|mural"),
    ("Fibroblast", r"fibroblast|stromal|mesenchymal|reticular cell|stellate|mesangial|interstitial|telocyte"
                   r"|perineural"),
    ("Muscle cell", r"cardiomyocyte|cardiac muscle|skeletal muscle|myocyte|muscle cell|satellite cell|pacemaker"),
    ("Neuron", r"neuron|interneuron|neuronal"),
    ("Glial cell", r"astrocyte|oligodendrocyte|Schwann|glia|ependymal|satellite glial|choroid plexus"),
    ("Adipocyte", r"fat cell|adipocyte"),
    ("Erythroid / progenitor cell", r"erythro|hematopoietic|progenitor|stem cell|megakaryocyte|platelet"),
    ("Melanocyte", r"melanocyte"),
    ("Chondrocyte / osteoblast", r"chondrocyte|osteoblast|osteocyte"),
    ("Epithelial cell", r"epithelial|enterocyte|goblet|hepatocyte|keratinocyte|alveolar|pneumocyte|club cell"
                        r"|ciliated|basal cell|duct|acinar|tubule|podocyte|trophoblast|urothelial|cholangiocyte"
                        r"|secretory|luminal|tuft|enteroendocrine|Paneth|crypt|islet|alpha cell|beta cell"
                        r"|delta cell|gamma cell|epsilon cell|ionocyte|mesothelial|parietal|principal cell"
                        r"|intercalated|loop of Henle|collecting|cytotrophoblast|syncytio|endocrine|pancreatic"
                        r"|gastrin|Merkel|absorptive|brush|serous|mucus|club-like|hillock|deuterosomal|papillary"
                        r"|granular cell|limb cell"),
]

CLUSTER_LIKE = re.compile(r"_\d+\b|\(Hsap\)|^(Exc|Inh|Astro|Oligo|OPC|Endo|VLMC|Micro-PVM)\b")


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    start = next(i for i, line in enumerate(lines) if line and line[0].strip().startswith("AS/1"))
    header = lines[start]
    levels = [i for i, c in enumerate(header) if re.fullmatch(r"CT/\d+/LABEL", c)]
    genes = [i for i, c in enumerate(header) if re.fullmatch(r"BGene/\d+", c)]
    for line in lines[start + 1:]:
        cell = lambda i: line[i].strip() if i < len(line) else ""
        labels = [cell(i) for i in levels if cell(i)]
        markers = [cell(i).upper() for i in genes if cell(i)]
        yield labels, markers


def major(label):
    for name, pattern in MAJOR:
        if re.search(pattern, label, re.IGNORECASE):
            return name
    return "Other cell"


def main():
    root, out = sys.argv[1], sys.argv[2]
    types = OrderedDict()
    for table in TABLES:
        organ = re.sub(r"^asct-b-(vh-)?|\.csv$", "", os.path.basename(table))
        for labels, markers in rows(os.path.join(root, table)):
            named = [l for l in labels if not CLUSTER_LIKE.search(l)]
            if not named or not markers:
                continue
            sub = named[-1][0].upper() + named[-1][1:]
            entry = types.setdefault(sub.lower(), {"name": sub, "organs": [], "markers": []})
            if organ not in entry["organs"]:
                entry["organs"].append(organ)
            for gene in markers:
                if re.fullmatch(r"[A-Z0-9][A-Z0-9.-]*", gene) and gene not in entry["markers"]:
                    entry["markers"].append(gene)
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("# Marker genes per cell type from the Human Reference Atlas ASCT+B tables (HuBMAP, CC BY 4.0);\n")
        handle.write("# built by analysis/src/build/make_marker_reference.py, see NOTICE.md next to this file.\n")
        handle.write("sub_type\tmajor_type\torgans\tmarkers\n")
        for entry in sorted(types.values(), key=lambda e: (major(e["name"]), e["name"].lower())):
            if entry["markers"]:
                handle.write("\t".join([entry["name"], major(entry["name"]), ",".join(entry["organs"]),
                                        ",".join(entry["markers"])]) + "\n")


main()
