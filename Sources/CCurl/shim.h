#ifndef BACKLOG_CCURL_SHIM_H
#define BACKLOG_CCURL_SHIM_H

// Swift cannot call C variadic functions, so every curl_easy_setopt / curl_easy_getinfo /
// curl_multi_setopt use goes through one of these typed wrappers.

#include <curl/curl.h>

#ifdef __linux__
// The multi loop's socket watch (CurlSocketWatch) waits on an epoll set; Glibc's Swift module
// does not include this header.
#include <sys/epoll.h>
#endif

static inline CURLcode backlog_easy_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode backlog_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode backlog_easy_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode backlog_easy_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode backlog_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
typedef size_t (*backlog_write_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode backlog_easy_setopt_write_function(CURL *h, backlog_write_callback f) {
    return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f);
}
static inline CURLcode backlog_easy_setopt_header_function(CURL *h, backlog_write_callback f) {
    return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f);
}
typedef int (*backlog_xferinfo_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow,
                                         curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode backlog_easy_setopt_xferinfo_function(CURL *h, backlog_xferinfo_callback f) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f);
}

static inline CURLcode backlog_easy_getinfo_long(CURL *h, CURLINFO i, long *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode backlog_easy_getinfo_double(CURL *h, CURLINFO i, double *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode backlog_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode backlog_easy_getinfo_string(CURL *h, CURLINFO i, char **out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode backlog_easy_getinfo_pointer(CURL *h, CURLINFO i, void **out) {
    return curl_easy_getinfo(h, i, out);
}

static inline CURLcode backlog_easy_setopt_share(CURL *h, CURLSH *s) {
    return curl_easy_setopt(h, CURLOPT_SHARE, s);
}
static inline CURLSHcode backlog_share_setopt_share(CURLSH *s, curl_lock_data d) {
    return curl_share_setopt(s, CURLSHOPT_SHARE, d);
}

static inline CURLMcode backlog_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}
static inline CURLMcode backlog_multi_setopt_pointer(CURLM *m, CURLMoption o, void *v) {
    return curl_multi_setopt(m, o, v);
}
typedef int (*backlog_socket_callback)(CURL *easy, curl_socket_t socket, int what, void *context, void *socketContext);
static inline CURLMcode backlog_multi_setopt_socket_function(CURLM *m, backlog_socket_callback f) {
    return curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, f);
}
typedef int (*backlog_timer_callback)(CURLM *multi, long timeoutMilliseconds, void *context);
static inline CURLMcode backlog_multi_setopt_timer_function(CURLM *m, backlog_timer_callback f) {
    return curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, f);
}

/// The easy handle and result of a finished transfer, or NULL when the message is of another kind.
static inline CURL *backlog_multi_done_handle(CURLMsg *msg, CURLcode *result) {
    if (msg->msg != CURLMSG_DONE) return 0;
    *result = msg->data.result;
    return msg->easy_handle;
}

// Constants that are casts in curl.h, which Swift does not import as values.
static inline long backlog_curlauth_basic(void) { return (long)CURLAUTH_BASIC; }
static inline long backlog_curlauth_bearer(void) { return (long)CURLAUTH_BEARER; }
static inline CURLcode backlog_global_init(void) { return curl_global_init(CURL_GLOBAL_ALL); }

#endif
