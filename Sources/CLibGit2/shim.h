#ifndef JSF_CLIBGIT2_SHIM_H
#define JSF_CLIBGIT2_SHIM_H

/* Hide deprecated libgit2 API so that it cannot be used by accident. */
#define GIT_DEPRECATE_HARD
#include <git2.h>
#include <sys/types.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one non-variadic wrapper per option used. */

static inline int jsf_git_opt_enable_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

static inline int jsf_git_opt_enable_caching(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_CACHING, enabled);
}

static inline int jsf_git_opt_set_cache_max_size(ssize_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

static inline int jsf_git_opt_set_search_path(git_config_level_t level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

static inline int jsf_git_opt_set_ssl_cert_locations(const char *file, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
}

#endif
