import Foundation
internal import Git

/// Signs commits and tags for the Git layer, in git's SSH signature format.
struct SSHSigner: CommitSigner, Sendable {
    let key: SSHSigningKey

    /// The armored SSHSIG (namespace "git") of `content`, ending in a newline like ssh-keygen's.
    func signature(for content: String) -> String {
        SSHSignature.sign(Data(content.utf8), with: key)
    }
}
