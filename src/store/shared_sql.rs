//! SQL that both backends run as it is written: the migrations whose statements are
//! portable (the tables themselves differ in their types, so each backend keeps those).

/// Migration 3: a queue's own time zone (NULL: the workspace's).
pub(crate) const QUEUE_TIME_ZONE: &str = "
    ALTER TABLE queue ADD COLUMN time_zone TEXT;
    ";

/// Migration 4: the "only one …" rules become constraints. Duplicates that races left
/// behind are resolved first: of several drafts of one forecast or override the newest
/// stays (the one every command used) and the older are deleted, or renamed with their
/// id appended if a document uses them; of several plans of one name, or scenarios of
/// one name and group, the newest keeps the name and the older get their id appended.
pub(crate) const ONLY_ONE: &str = "
    UPDATE document SET name = name || ' (' || id || ')'
    WHERE status = 'draft' AND kind IN ('forecast', 'forecast-override')
      AND id IN (SELECT used_id FROM document_use)
      AND EXISTS (SELECT 1 FROM document n WHERE n.kind = document.kind
                  AND n.scope = document.scope AND n.name = document.name
                  AND n.status = 'draft' AND n.id > document.id);
    DELETE FROM document
    WHERE status = 'draft' AND kind IN ('forecast', 'forecast-override')
      AND EXISTS (SELECT 1 FROM document n WHERE n.kind = document.kind
                  AND n.scope = document.scope AND n.name = document.name
                  AND n.status = 'draft' AND n.id > document.id);
    UPDATE document SET name = name || ' (' || id || ')'
    WHERE kind = 'plan'
      AND EXISTS (SELECT 1 FROM document n WHERE n.kind = 'plan' AND n.name = document.name
                  AND n.id > document.id);
    UPDATE document SET name = name || ' (' || id || ')'
    WHERE kind = 'scenario'
      AND EXISTS (SELECT 1 FROM document n WHERE n.kind = 'scenario'
                  AND n.scope = document.scope AND n.name = document.name
                  AND n.id > document.id);
    CREATE UNIQUE INDEX document_one_draft ON document(kind, scope, name)
        WHERE status = 'draft' AND kind IN ('forecast', 'forecast-override');
    CREATE UNIQUE INDEX document_plan_name ON document(name) WHERE kind = 'plan';
    CREATE UNIQUE INDEX document_scenario_name ON document(scope, name)
        WHERE kind = 'scenario';
    ";
