import Foundation
import Testing

@testable import Git

#if canImport(Glibc)
    import Glibc
#endif

/// libgit2's init notes the CA certificates instead of parsing them; the first transfer has them parsed (issue 13).
@Suite struct CertificateTests {
    @Test func theCertificatesLibgit2InitWantsAreLoadedBeforeATransferOnly() throws {
        LibGit2.ensure()
        #if os(Linux)
            // Only a libgit2 on a shared mbedTLS asks for them through mbedtls_x509_crt_parse_file or _path.
            let mbedTLS = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mbedtls_x509_crt_init") != nil
            let bundle = ["/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs"].contains { FileManager.default.fileExists(atPath: $0) }
            guard mbedTLS, bundle else {
                print("skipped: libgit2 does not use a shared mbedTLS here, or there is no CA bundle")
                return
            }
            let atInit = CertificateLocations.noted
            #expect(atInit.location != nil, "git_libgit2_init parsed the CA certificates itself")
            LibGit2.ensureNetwork()
            let after = CertificateLocations.noted
            #expect(after.loaded)
            // mbedTLS's own parser ran on the bundle (a positive count: certificates it skipped, as at libgit2's init).
            #expect((after.lastResult ?? -1) >= 0, "mbedtls_x509_crt_parse_file returned \(after.lastResult.map(String.init) ?? "nothing")")
        #endif
    }
}
