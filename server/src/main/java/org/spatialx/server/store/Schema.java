package org.spatialx.server.store;

import java.util.List;

/** The versioned schema: migration {@code i} takes the database from version {@code i} to {@code i+1}. */
final class Schema {

    private Schema() {
    }

    static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE user_groups (
              group_id TEXT PRIMARY KEY,
              name TEXT NOT NULL,
              kind TEXT NOT NULL
            );
            CREATE TABLE studies (
              study_id TEXT PRIMARY KEY,
              group_id TEXT NOT NULL REFERENCES user_groups(group_id),
              species TEXT NOT NULL,
              title TEXT NOT NULL,
              description TEXT NOT NULL DEFAULT '',
              type INTEGER NOT NULL,
              status INTEGER NOT NULL,
              email_id TEXT NOT NULL,
              data_path TEXT NOT NULL,
              publication TEXT NOT NULL DEFAULT '[]',
              tags TEXT NOT NULL DEFAULT '[]',
              author TEXT NOT NULL DEFAULT '[]',
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL
            );
            CREATE INDEX studies_by_group ON studies(group_id, species, status);
            CREATE TABLE samples (
              sample_id TEXT PRIMARY KEY,
              study_id TEXT NOT NULL REFERENCES studies(study_id),
              title TEXT NOT NULL,
              enable_status INTEGER NOT NULL,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL
            );
            CREATE INDEX samples_by_study ON samples(study_id);
            CREATE TABLE data (
              data_id TEXT PRIMARY KEY,
              sample_id TEXT NOT NULL REFERENCES samples(sample_id),
              study_id TEXT NOT NULL REFERENCES studies(study_id),
              submit_id TEXT NOT NULL,
              title TEXT NOT NULL,
              submission_type TEXT NOT NULL,
              technology TEXT NOT NULL,
              files TEXT NOT NULL,
              folders TEXT NOT NULL,
              args TEXT NOT NULL,
              kwargs TEXT NOT NULL,
              identities TEXT NOT NULL,
              enable_status INTEGER NOT NULL,
              percent REAL NOT NULL,
              map_submit_result TEXT,
              job_id INTEGER NOT NULL,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL
            );
            CREATE INDEX data_by_sample ON data(sample_id);
            CREATE TABLE elements (
              element_id TEXT PRIMARY KEY,
              data_id TEXT NOT NULL REFERENCES data(data_id),
              submit_id TEXT NOT NULL,
              kind TEXT NOT NULL,
              name TEXT NOT NULL,
              path TEXT NOT NULL,
              created_at INTEGER NOT NULL
            );
            CREATE INDEX elements_by_data ON elements(data_id);
            CREATE TABLE jobs (
              job_id INTEGER PRIMARY KEY AUTOINCREMENT,
              kind TEXT NOT NULL,
              target_id TEXT NOT NULL,
              log_path TEXT NOT NULL,
              state TEXT NOT NULL,
              message TEXT NOT NULL DEFAULT '',
              created_at INTEGER NOT NULL,
              started_at INTEGER,
              finished_at INTEGER
            );
            CREATE INDEX jobs_by_state ON jobs(state);
            CREATE TABLE submissions (
              submit_id TEXT PRIMARY KEY,
              study_id TEXT NOT NULL REFERENCES studies(study_id),
              sample_id TEXT NOT NULL,
              data_id TEXT NOT NULL,
              name TEXT NOT NULL,
              state TEXT NOT NULL,
              job_id INTEGER NOT NULL,
              log_path TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL
            );
            CREATE TABLE analyses (
              analysis_id TEXT PRIMARY KEY,
              study_id TEXT NOT NULL,
              sample_id TEXT,
              data_id TEXT,
              table_id TEXT,
              title TEXT NOT NULL,
              sub_type TEXT NOT NULL,
              group_type TEXT NOT NULL,
              params TEXT NOT NULL,
              state TEXT NOT NULL,
              job_id INTEGER NOT NULL,
              created_at INTEGER NOT NULL
            );
            CREATE TABLE upload_sessions (
              unique_id TEXT PRIMARY KEY,
              folder_name TEXT NOT NULL,
              state TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL
            );
            """, """
            CREATE TABLE data_extensions (
              submit_id TEXT PRIMARY KEY,
              data_id TEXT NOT NULL REFERENCES data(data_id),
              title TEXT NOT NULL,
              files TEXT NOT NULL,
              folders TEXT NOT NULL,
              args TEXT NOT NULL,
              kwargs TEXT NOT NULL,
              identities TEXT NOT NULL,
              created_at INTEGER NOT NULL
            );
            CREATE INDEX elements_by_submit ON elements(submit_id);
            """);
}
