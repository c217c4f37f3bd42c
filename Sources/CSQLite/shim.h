#ifndef BACKLOG_CSQLITE_SHIM_H
#define BACKLOG_CSQLITE_SHIM_H

// SQLITE_TRANSIENT is a cast macro Swift cannot import, so binding copies of text and blobs
// goes through these wrappers.

#include <sqlite3.h>

static inline int backlog_sqlite_bind_blob_copy(sqlite3_stmt *s, int i, const void *p, int n) {
    return sqlite3_bind_blob(s, i, p, n, SQLITE_TRANSIENT);
}
static inline int backlog_sqlite_bind_text_copy(sqlite3_stmt *s, int i, const char *p, int n) {
    return sqlite3_bind_text(s, i, p, n, SQLITE_TRANSIENT);
}

#endif
