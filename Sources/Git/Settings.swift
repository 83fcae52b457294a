import CLibGit2

/// Process-wide libgit2 settings.
public enum GitSettings {
    /// Makes libgit2 look for the system, XDG and global git configuration in `directory` only, instead of the
    /// process's `$HOME` and `/etc`: for a process that runs jsf for several scrubbed users at once (the test
    /// runner), so that none of them reads the configuration of the account the tests run under.
    public static func readUserConfiguration(from directory: String) throws(GitError) {
        LibGit2.ensure()
        for level in [GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA] {
            try check(jsf_git_opt_set_search_path(level, directory), "git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH)")
        }
    }
}
