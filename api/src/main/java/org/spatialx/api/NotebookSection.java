package org.spatialx.api;

/**
 * The section of the SpatialX Connector notebook a call belongs to, so that {@code help(connector)}
 * lists the calls in the notebook's order of topics. Set with {@link NotebookName#section()}.
 */
public enum NotebookSection {

    /** 1.3: connecting to a server. */
    CONNECT("1.3", "Domain and token"),
    /** 1.4: the account's information and groups. */
    ACCOUNT("1.4", "Explore your account"),
    /** 1.5: buckets, folders and browsing them. */
    STORAGE("1.5", "List of storages"),
    /** 1.6: studies, samples and their details. */
    STUDIES("1.6", "Accessing study information"),
    /** 1.7: files and folders to the server. */
    UPLOADS("1.7", "Uploading files"),
    /** 1.8: parsing data folders, submitting studies, samples and data, managing data and elements. */
    SUBMISSION("1.8", "Submission"),
    /** 1.9: embeddings, clustering, cell types, differential expression, spatial analyses. */
    ANALYSIS("1.9", "Analysis"),
    /** 1.10: studies converted from BioTuring Lens. */
    LENS("1.10", "Convert data from Lens"),
    /** Calls the notebook does not have (this project's additions). */
    BEYOND_THE_NOTEBOOK("", "Beyond the notebook");

    private final String number;
    private final String title;

    NotebookSection(String number, String title) {
        this.number = number;
        this.title = title;
    }

    /** The section's number in the notebook, e.g. {@code 1.6}; empty for {@link #BEYOND_THE_NOTEBOOK}. */
    public String number() {
        return number;
    }

    /** The section's heading, e.g. {@code 1.6 Accessing study information}. */
    public String heading() {
        return number.isEmpty() ? title : number + " " + title;
    }
}
