import Foundation
import JeSaisFaire

/// git's SSH signatures and OpenSSH keys: the armor, the wire format (every length read from the input), the
/// Ed25519 check. The first byte chooses what the rest is, so that the fuzzer need not rediscover base64:
///   0: an armored signature, verified over `message`;   1: a raw signature blob, armored here, then verified;
///   2: a public key line ("ssh-ed25519 AAAA…");           3: an OpenSSH private key blob, armored here.
/// Oracles: a signature that verifies names the key it claims; a key read from a line writes back to a line that reads the same.
let message = Data("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor fuzz\n\nsigned by the seeds\n".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let rest = Data(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 4 {
    case 0: check(String(decoding: rest, as: UTF8.self))
    case 1: check(armor(rest, "SSH SIGNATURE"))
    case 2:
        if let key = SSHPublicKey(openSSH: String(decoding: rest, as: UTF8.self)) {
            precondition(SSHPublicKey(openSSH: key.openSSH) == key, "a key's line reads back another key")
            _ = key.fingerprint
            _ = key.pseudonym
        }
    default:
        if let key = try? SSHSigningKey.parse(openSSHPrivateKey: armor(rest, "OPENSSH PRIVATE KEY")) {
            let signature = SSHSignature.sign(message, with: key)
            precondition((try? SSHSignature.verify(signature, message: message)) == key.publicKey, "a key read cannot sign")
        }
    }
    return 0
}

func check(_ armored: String) {
    let claimed = SSHSignature.claimedKey(armored)
    for namespace in ["git", "file"] {
        if let key = try? SSHSignature.verify(armored, message: message, namespace: namespace) {
            precondition(key == claimed, "the key that verified is not the key claimed")
        }
    }
}

/// The armor ssh-keygen writes: base64 lines of 70 characters between BEGIN and END lines.
func armor(_ data: Data, _ label: String) -> String {
    let base64 = Array(data.base64EncodedString())
    var lines = ["-----BEGIN \(label)-----"]
    var start = 0
    while start < base64.count {
        lines.append(String(base64[start..<min(start + 70, base64.count)]))
        start += 70
    }
    lines.append("-----END \(label)-----")
    return lines.joined(separator: "\n") + "\n"
}
