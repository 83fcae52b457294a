import CLibGit2
import Foundation

extension Repository {
    /// Clones `url` (a path, file://, git://, ssh:// or https://) into `path`, checking out the default branch unless bare.
    public static func clone(
        from url: String, to path: String, bare: Bool = false,
        progress: ((TransferProgress) -> Void)? = nil
    ) throws(GitError) -> Repository {
        LibGit2.ensure()
        var options = git_clone_options()
        try check(git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)), "git_clone_options_init")
        options.bare = bare ? 1 : 0
        let session = RemoteSession(progress: progress)
        var repository: OpaquePointer?
        try session.run { payload throws(GitError) in
            session.install(in: &options.fetch_opts.callbacks, payload: payload)
            try check(git_clone(&repository, url, path, &options), "git_clone")
        }
        return Repository(repository!)
    }

    /// Adds the remote `name` with the default fetch refspec.
    public func addRemote(name: String, url: String) throws(GitError) {
        var remote: OpaquePointer?
        try check(git_remote_create(&remote, pointer, name, url), "git_remote_create")
        git_remote_free(remote)
    }

    /// The URL of the remote `name`, or nil when there is no such remote.
    public func remoteURL(_ name: String) throws(GitError) -> String? {
        var remote: OpaquePointer?
        let result = git_remote_lookup(&remote, pointer, name)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "git_remote_lookup")
        defer { git_remote_free(remote) }
        return string(git_remote_url(remote))
    }

    /// The names of the configured remotes.
    public func remoteNames() throws(GitError) -> [String] {
        var names = git_strarray()
        try check(git_remote_list(&names, pointer), "git_remote_list")
        defer { git_strarray_dispose(&names) }
        return (0..<names.count).compactMap { string(names.strings[$0]) }
    }

    /// Fetches with the given refspecs (empty = the remote's configured ones); returns the refs that changed (update_tips callback).
    ///
    /// In two phases, as git_remote_fetch does them: connect and download (under the watchdog of
    /// `NetworkLimits.current`), then, once disconnected, `beforeUpdatingRefs` and the update of the refs, which no
    /// watchdog interrupts. A download that fails or is stopped leaves every ref as it was.
    public func fetch(
        remote name: String, refspecs: [String] = [],
        progress: ((TransferProgress) -> Void)? = nil,
        beforeUpdatingRefs: (() throws(GitError) -> Void)? = nil
    ) throws(GitError) -> [RefUpdate] {
        var remote: OpaquePointer?
        try check(git_remote_lookup(&remote, pointer, name), "git_remote_lookup")
        defer { git_remote_free(remote) }
        var options = git_fetch_options()
        try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "git_fetch_options_init")
        // Explicit refspecs say where every ref goes: no tag may be auto-followed into refs/tags behind them.
        if !refspecs.isEmpty { options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE }
        let session = RemoteSession(progress: progress)
        let url = string(git_remote_url(remote)) ?? name
        try session.run { payload throws(GitError) in
            session.install(in: &options.callbacks, payload: payload)
            try NetworkWatch.watch(url: url, function: "git_remote_download") { watch throws(GitError) in
                session.watch = watch
                defer {
                    session.watch = nil
                    git_remote_disconnect(remote)
                }
                if refspecs.isEmpty {
                    try check(git_remote_download(remote, nil, &options), "git_remote_download")
                } else {
                    try withStrArray(refspecs) { array throws(GitError) in
                        try check(git_remote_download(remote, array, &options), "git_remote_download")
                    }
                }
            }
            try beforeUpdatingRefs?()
            try check(
                git_remote_update_tips(remote, &options.callbacks, options.update_fetchhead, options.download_tags, "fetch \(name)"),
                "git_remote_update_tips")
        }
        return session.updates
    }

    /// Pushes; a ref the remote refuses (push_update_reference callback status) throws a GitError naming the ref and the remote's message, code .nonFastForward when that is the reason.
    ///
    /// libgit2 itself refuses a non-fast-forward push before sending anything (also when the remote tip
    /// is unknown locally); that error, code .nonFastForward, gets the refspecs appended to its message.
    public func push(remote name: String, refspecs: [String], progress: ((TransferProgress) -> Void)? = nil) throws(GitError) {
        var remote: OpaquePointer?
        try check(git_remote_lookup(&remote, pointer, name), "git_remote_lookup")
        defer { git_remote_free(remote) }
        var options = git_push_options()
        try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "git_push_options_init")
        let session = RemoteSession(progress: progress)
        let url = string(git_remote_url(remote)) ?? name
        do throws(GitError) {
            try session.run { payload throws(GitError) in
                session.install(in: &options.callbacks, payload: payload)
                defer { git_remote_disconnect(remote) }
                // As git_remote_push, in two phases: connect and send the pack under the watchdog, then the refs that
                // record what the remote now holds, which no watchdog interrupts.
                try NetworkWatch.watch(url: url, function: "git_remote_push") { watch throws(GitError) in
                    session.watch = watch
                    defer { session.watch = nil }
                    try withStrArray(refspecs) { array throws(GitError) in
                        try check(git_remote_upload(remote, array, &options), "git_remote_push")
                    }
                }
                try check(git_remote_update_tips(remote, &options.callbacks, 0, GIT_REMOTE_DOWNLOAD_TAGS_UNSPECIFIED, nil), "git_remote_push")
            }
        } catch  where error.function == "git_remote_push" && error.networkFault == nil {
            let refs = refspecs.map { "'\($0)'" }.joined(separator: ", ")
            throw GitError(
                function: error.function, code: error.code,
                message: "\(error.message) (pushing \(refs) to '\(name)')")
        }
        if let rejection = session.rejections.first {
            let nonFastForward = rejection.status.contains("fast-forward") || rejection.status.contains("fetch first")
            // What the hub's hook said ("remote: error: …"), which is the reason a person can act on.
            let remote = session.remoteLines.map { "\nremote: " + $0 }.joined()
            throw GitError(
                function: "git_remote_push",
                code: nonFastForward ? .nonFastForward : .other(GIT_ERROR.rawValue),
                message: "'\(name)' refused '\(rejection.reference)': \(rejection.status)\(remote)")
        }
    }
}

/// State shared with libgit2's remote callbacks during one clone, fetch or push; it never outlives the call.
private final class RemoteSession {
    let progress: ((TransferProgress) -> Void)?
    var updates: [RefUpdate] = []
    var rejections: [(reference: String, status: String)] = []
    /// The remote's messages (git's side band), one line each, as the hub printed them.
    var remoteText = ""
    var remoteLines: [String] {
        remoteText.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .suffix(50)
    }
    var agentTried = false
    var usernameGiven = false
    /// The watchdog of the network phase under way, if any: every callback is a sign of life.
    var watch: NetworkWatch?

    /// A sign of life for the watchdog; what a callback returns (an error once the phase ran out of time).
    func sign() -> Int32 { watch?.sign() ?? 0 }

    init(progress: ((TransferProgress) -> Void)?) {
        self.progress = progress
    }

    /// Runs `body` with this session as the callbacks' payload, valid only for the duration of the call.
    func run(_ body: (UnsafeMutableRawPointer) throws(GitError) -> Void) throws(GitError) {
        LibGit2.ensureNetwork() // the CA certificates an https remote needs, put off at init
        try withExtendedLifetime(self) { () throws(GitError) in
            try body(Unmanaged.passUnretained(self).toOpaque())
        }
    }

    static func from(_ payload: UnsafeMutableRawPointer?) -> RemoteSession {
        Unmanaged<RemoteSession>.fromOpaque(payload!).takeUnretainedValue()
    }

    func install(in callbacks: inout git_remote_callbacks, payload: UnsafeMutableRawPointer) {
        callbacks.payload = payload
        callbacks.credentials = { out, url, username, allowed, payload in
            let session = RemoteSession.from(payload)
            guard session.sign() == 0 else { return GIT_EUSER.rawValue }
            return session.credentials(out, url: string(url) ?? "", username: string(username), allowed: allowed)
        }
        callbacks.transfer_progress = { stats, payload in
            let session = RemoteSession.from(payload)
            if let stats, let progress = session.progress {
                progress(TransferProgress(stats.pointee))
            }
            return session.sign()
        }
        callbacks.push_transfer_progress = { current, total, bytes, payload in
            let session = RemoteSession.from(payload)
            session.progress?(
                TransferProgress(
                    receivedObjects: Int(current), totalObjects: Int(total), indexedObjects: Int(current), receivedBytes: bytes))
            return session.sign()
        }
        callbacks.pack_progress = { _, _, _, payload in
            RemoteSession.from(payload).sign()
        }
        callbacks.update_tips = { name, old, new, payload in
            guard let name, let new else { return 0 }
            let newID = ObjectID(new)
            guard !newID.isZero else { return 0 } // a pruned ref: nothing to report as RefUpdate
            let oldID = old.map(ObjectID.init).flatMap { $0.isZero ? nil : $0 }
            RemoteSession.from(payload).updates.append(RefUpdate(name: String(cString: name), old: oldID, new: newID))
            return 0
        }
        callbacks.sideband_progress = { text, length, payload in
            let session = RemoteSession.from(payload)
            if let text, length > 0 {
                if session.remoteText.utf8.count < 65_536 {
                    session.remoteText += String(decoding: UnsafeRawBufferPointer(start: text, count: Int(length)), as: UTF8.self)
                }
            }
            return session.sign()
        }
        callbacks.push_update_reference = { name, status, payload in
            if let status {
                RemoteSession.from(payload).rejections.append((string(name) ?? "", String(cString: status)))
            }
            return 0
        }
    }

    /// Offers the ssh agent once (and a user name when asked), then fails with a clear message instead of looping.
    private func credentials(
        _ out: UnsafeMutablePointer<OpaquePointer?>?, url: String,
        username: String?, allowed: UInt32
    ) -> Int32 {
        let user = username ?? ProcessInfo.processInfo.environment["USER"] ?? "git"
        if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 && !agentTried {
            agentTried = true
            return git_credential_ssh_key_from_agent(out, user)
        }
        if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 && !usernameGiven {
            usernameGiven = true
            return git_credential_username_new(out, user)
        }
        let message: String
        if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
            message = "authentication to '\(url)' failed: the ssh agent offered no key the server accepts (is ssh-agent running, with the key added?)"
        } else {
            message = "authentication to '\(url)' required: only ssh with an agent is supported, or public https remotes"
        }
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), message)
        return GIT_EAUTH.rawValue
    }
}
