"""A person's history in the formats they take with them: json (coach-export/1), csv, markdown."""
