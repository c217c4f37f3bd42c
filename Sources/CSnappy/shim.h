#ifndef BACKLOG_CSNAPPY_SHIM_H
#define BACKLOG_CSNAPPY_SHIM_H

// Snappy's C API (Debian: libsnappy-dev). Remote write bodies are snappy *block* format,
// not the framed stream format.
#include <snappy-c.h>

#endif
