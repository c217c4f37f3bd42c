#ifndef BACKLOG_CZLIB_SHIM_H
#define BACKLOG_CZLIB_SHIM_H

// zlib's init entry points are macros (they pass the library version and struct size), which
// Swift cannot call; these wrappers make them plain functions.

#include <zlib.h>

/// Starts a deflate stream that writes a gzip member (window bits 15 + 16).
static inline int backlog_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
}

/// Starts a deflate stream that writes raw deflate blocks, with no header or trailer.
static inline int backlog_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
}

/// Starts an inflate stream that accepts a gzip or zlib header.
static inline int backlog_inflate_init_auto(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}

#endif
